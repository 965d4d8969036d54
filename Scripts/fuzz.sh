#!/usr/bin/env bash
# Coverage-guided fuzzing of Ionics' readers with libFuzzer (AddressSanitizer on).
#
#   Scripts/fuzz.sh [--time SECONDS | --runs N] [TARGET ...]
#
# Targets: impedance cycling cif pattern tga manifest formula circuit identify spectroscopy
# (default: all). Each target's corpus is seeded with the files of the shared
# data that `ionics identify` assigns to its reader (IONICS_DATA, default
# ../shared/data) and with Fuzz/Seeds, and kept in $IONICS_FUZZ_WORK (default
# /tmp/ionics-fuzz), never in the repository. A finding stops that target:
# its input is left as crash-*/timeout-*/oom-* in the work folder, and the
# script exits non-zero. Limits per input: 1 s (IONICS_FUZZ_TIMEOUT), 1 GB, 256 KiB
# (IONICS_FUZZ_MAX_LEN; smaller inputs run faster). IONICS_FUZZ_SEED fixes
# libFuzzer's random seed, so that a run can be repeated.
# Leak detection is off: Foundation's Process keeps a 32-byte weak reference
# that LeakSanitizer reports on every Arbin .res input, and TOMLKit leaks ~48
# bytes per parse in its C++ bridge (neither is Ionics' memory).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
data="${IONICS_DATA:-$root/../shared/data}"
work="${IONICS_FUZZ_WORK:-/tmp/ionics-fuzz}"
mode=(-max_total_time=60)
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time) mode=(-max_total_time="$2"); shift 2 ;;
    --runs) mode=(-runs="$2"); shift 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(impedance cycling cif pattern tga manifest formula circuit identify spectroscopy)

echo "== building the fuzzer (release, -sanitize=fuzzer,address)"
swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address \
  -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld >"$work.build.log" 2>&1 || {
  tail -30 "$work.build.log"; exit 1; }
fuzzer="$root/Fuzz/.build/release/IonicsFuzz"

# Seeds: the reader family of every shared file, as identify sees it.
mkdir -p "$work"
if [ -d "$data" ] && [ ! -f "$work/seeded" ]; then
  swift build -c release --product ionics >/dev/null 2>&1 || true
  "$root/.build/release/ionics" identify "$data" --sniff-only --json 2>/dev/null >"$work/identify.json" || true
  python3 - "$work" <<'PY'
import json, os, shutil, sys
work = sys.argv[1]
families = {"impedance": "impedance", "cycling": "cycling", "structure": "cif",
            "diffraction": "pattern", "thermal": "tga", "photoelectron": "spectroscopy",
            "infrared": "spectroscopy"}
for r in json.load(open(os.path.join(work, "identify.json")))["results"]:
    path = r["file"]
    name = os.path.basename(path)
    targets = ["identify"] + ([families[r["reader"]]] if r.get("reader") in families else [])
    for t in targets:
        folder = os.path.join(work, "corpus", t)
        os.makedirs(folder, exist_ok=True)
        with open(path, "rb") as f:
            head = f.read(262144)
        with open(os.path.join(folder, name), "wb") as g:
            g.write(head)
PY
  touch "$work/seeded"
fi
status=0
for t in "${targets[@]}"; do
  mkdir -p "$work/corpus/$t" "$work/findings/$t"
  for s in Fuzz/Seeds/*; do
    case "$t:$(basename "$s")" in
      formula:formula-*|circuit:circuit-*|manifest:manifest-*|pattern:pattern-*) cp "$s" "$work/corpus/$t/" ;;
    esac
  done
  echo "== $t ($(ls "$work/corpus/$t" | wc -l) seeds)"
  if ASAN_OPTIONS=detect_leaks=0 IONICS_FUZZ_TARGET="$t" "$fuzzer" "$work/corpus/$t" "${mode[@]}" -timeout="${IONICS_FUZZ_TIMEOUT:-1}" \
      -rss_limit_mb=1024 -max_len="${IONICS_FUZZ_MAX_LEN:-262144}" -print_final_stats=1 -detect_leaks=0 \
      ${IONICS_FUZZ_SEED:+-seed="$IONICS_FUZZ_SEED"} \
      -artifact_prefix="$work/findings/$t/" >"$work/$t.log" 2>&1; then
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/$t.log" | tr '\n' ' '
    echo
  else
    status=1
    echo "FINDING in $t:"; grep -E "ERROR|SUMMARY|Test unit written|deadly signal|timeout|out-of-memory" "$work/$t.log" | head -8
  fi
done
exit $status
