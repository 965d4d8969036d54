#!/usr/bin/env bash
# Reading the 18 739-site NASICON supercell and finding every distance below 3 Å:
# Ionics against gemmi (and, with FULL=1, pymatgen, which needs minutes).
#   bash Benchmarks/cif/run.sh
# Needs ../shared/data (or IONICS_DATA) and PyPI for the throwaway venv in /tmp.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="${IONICS_DATA:-../shared/data}"
FILE="$DATA/cif/large/nasiconkmc_0.3_1_Na1331Zr2048Si307P2765O12288_supercell.cif"
VENV=/tmp/ionics-cif-venv
REPEATS="${REPEATS:-5}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import gemmi" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q gemmi
  if [ "${FULL:-0}" = 1 ]; then "$VENV/bin/pip" install -q pymatgen; fi
fi
swift build -c release --product ionics >/dev/null
IONICS=.build/release/ionics

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {  # wall clock of a command, ms
  local start end
  start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
read_ms=$(for i in $(seq "$REPEATS"); do time_ms "$IONICS" cif read "$FILE"; done | median)
dist_ms=$(for i in $(seq "$REPEATS"); do time_ms "$IONICS" cif distances "$FILE" --max 3.0; done | median)
pairs=$("$IONICS" cif distances "$FILE" --max 3.0 --json | "$VENV/bin/python" -c "import json,sys; print(sum(len(p['bonds']) for p in json.load(sys.stdin)))")

"$VENV/bin/python" - "$FILE" "$REPEATS" "$read_ms" "$dist_ms" "$pairs" <<'PY'
import statistics, sys, time
import gemmi
path, repeats, read_ms, dist_ms, pairs = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:6])
def gemmi_run():
    t0 = time.perf_counter()
    st = gemmi.make_small_structure_from_block(gemmi.cif.read(path).sole_block())
    t1 = time.perf_counter()
    ns = gemmi.NeighborSearch(st, 3.0).populate()
    n = sum(len(ns.find_site_neighbors(s, min_dist=0.1, max_dist=3.0)) for s in st.get_all_unit_cell_sites())
    return t1 - t0, time.perf_counter() - t0, n // 2
runs = [gemmi_run() for _ in range(repeats)]
g_read = statistics.median(r[0] for r in runs) * 1000
g_all = statistics.median(r[1] for r in runs) * 1000
print(f"18 739 sites, all distances below 3 Å (median of {repeats}; Ionics as a process, gemmi warm in one interpreter)")
print(f"{'':34}{'read + cell':>14}{'+ distances':>14}{'pairs':>9}")
print(f"{'Ionics (whole process)':34}{read_ms:11.0f} ms{dist_ms:11.0f} ms{int(pairs):9d}")
print(f"{'gemmi 0.7 (read_small_structure)':34}{g_read:11.0f} ms{g_all:11.0f} ms{runs[0][2]:9d}")
print(f"ratio gemmi/Ionics: {g_read / read_ms:.2f} (read), {g_all / dist_ms:.2f} (with distances)")
try:
    import pymatgen.core  # FULL=1 only
    from pymatgen.io.cif import CifParser
    t0 = time.perf_counter()
    s = CifParser(path).parse_structures(primitive=False)[0]
    n = len(s.get_all_neighbors(3.0))
    print(f"pymatgen: {time.perf_counter() - t0:.1f} s read + neighbours")
except ImportError:
    print("pymatgen: not installed (FULL=1 installs it; about 250 s to read this file)")
PY
