#!/usr/bin/env bash
# IR reading: every IR file of the shared data read by Ionics and by the
# Python readers that take it — jcamp 1.3.2 (JCAMP-DX), brukeropus 1.4.3
# (OPUS) and spectrochempy 1.1.3 (JCAMP, OPUS, OMNIC, SPC) — in a throwaway
# venv in /tmp; whole processes (start, import, read), release build:
#   bash Benchmarks/spectroscopy/ir.sh
# Goal: every file read faster by Ionics than by each anchor that reads it.
# The anchors' time inside Python (read only, imports excluded) is printed
# too, and "fails" where an anchor cannot read the file.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="${IONICS_DATA:-../shared/data}/spectroscopy/ir"
VENV=/tmp/ionics-ir-venv
REPEATS="${REPEATS:-3}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import jcamp, brukeropus, spectrochempy" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q jcamp==1.3.2 brukeropus==1.4.3 spectrochempy==1.1.3
fi
swift build -c release --product ionics >/dev/null
IONICS=.build/release/ionics
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. Benchmarks/timing.sh
cat > "$WORK/anchor.py" <<'PY'
import sys, time, os, warnings
warnings.filterwarnings("ignore")
reader, path = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
if reader == "jcamp":
    import jcamp
    def read(p): return jcamp.readfile(p)["y"]
elif reader == "brukeropus":
    import brukeropus
    def read(p):
        f = brukeropus.read_opus(p)
        return getattr(f, f.data_keys[0]).y
else:
    import logging; logging.disable(logging.CRITICAL)
    import spectrochempy as scp
    ext = os.path.splitext(p := path)[1].lower()
    def read(p):
        e = os.path.splitext(p)[1].lower()
        if e in (".jdx", ".dx", ".jcm"): return scp.read_jcamp(p).data
        if e == ".spa": return scp.read_omnic(p).data
        if e == ".spc": return scp.read_spc(p).data
        return scp.read_opus(p).data
t1 = time.perf_counter()
import contextlib, io
try:
    with contextlib.redirect_stdout(io.StringIO()):
        y = read(path)
    ok = y is not None and len(y) > 0
except Exception:
    ok = False
t2 = time.perf_counter()
print(f"{(t2 - t1) * 1000:.1f} {'ok' if ok else 'fails'}")
PY
printf "%-58s %9s  %-28s %-28s %-28s\n" "file" "Ionics" "jcamp" "brukeropus" "spectrochempy"
slowest=0
for f in "$DATA"/*; do
  name=$(basename "$f")
  case "$name" in *.csv|*.asp|*.sp|*BRUKNTUP*) continue ;; esac
  ours=$(for _ in $(seq "$REPEATS"); do time_ms "$IONICS" identify "$f" --json; done | median)
  row=$(printf "%-58s %6s ms " "$name" "$ours")
  for reader in jcamp brukeropus spectrochempy; do
    case "$reader:$name" in
      jcamp:*.jdx|jcamp:*.DX|jcamp:*.JCM|brukeropus:*.[0-9]|spectrochempy:*) ;;
      *) row="$row $(printf "%-28s" "–")"; continue ;;
    esac
    inside=$("$VENV/bin/python" "$WORK/anchor.py" "$reader" "$f" 2>/dev/null || echo "0 fails")
    if [ "${inside#* }" = "fails" ]; then
      row="$row $(printf "%-28s" "fails")"
      continue
    fi
    theirs=$(for _ in $(seq "$REPEATS"); do time_ms "$VENV/bin/python" "$WORK/anchor.py" "$reader" "$f"; done | median)
    ratio=$(python3 -c "print(f'{$theirs/max($ours,1):.0f}')")
    row="$row $(printf "%-28s" "$theirs ms (${inside% *} in), ${ratio}×")"
  done
  echo "$row"
done
