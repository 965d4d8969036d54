#!/usr/bin/env bash
# Reading the 18 739-site NASICON supercell and finding every distance below 3 Å:
# Ionics against gemmi (and, with FULL=1, pymatgen, which needs minutes).
#   bash Benchmarks/cif/run.sh
# Both run as whole processes, as a user runs them (gemmi through its Python
# module, the interpreter's start included; its warm in-process times are
# printed too). Runs alternate between the two programs and the median of
# REPEATS is kept, so that a busy machine slows both alike.
# Needs ../shared/data (or IONICS_DATA) and PyPI for the throwaway venv in /tmp.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="${IONICS_DATA:-../shared/data}"
FILE="$DATA/cif/large/nasiconkmc_0.3_1_Na1331Zr2048Si307P2765O12288_supercell.cif"
VENV=/tmp/ionics-cif-venv
REPEATS="${REPEATS:-11}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import gemmi" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q gemmi
fi
if [ "${FULL:-0}" = 1 ] && ! "$VENV/bin/python" -c "import pymatgen.core" 2>/dev/null; then
  "$VENV/bin/pip" install -q pymatgen
fi
swift build -c release --product ionics >/dev/null
IONICS=.build/release/ionics
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/gemmi_read.py" <<'PY'
import sys, gemmi
st = gemmi.make_small_structure_from_block(gemmi.cif.read(sys.argv[1]).sole_block())
print(len(st.get_all_unit_cell_sites()))
PY
cat >"$WORK/gemmi_distances.py" <<'PY'
import sys, gemmi
st = gemmi.make_small_structure_from_block(gemmi.cif.read(sys.argv[1]).sole_block())
ns = gemmi.NeighborSearch(st, 3.0).populate()
n = sum(len(ns.find_site_neighbors(s, min_dist=0.1, max_dist=3.0)) for s in st.get_all_unit_cell_sites())
print(n // 2)
PY

. Benchmarks/timing.sh
declare -A runs
for i in $(seq "$REPEATS"); do
  runs[ionics_read]+="$(time_ms "$IONICS" cif read "$FILE") "
  runs[gemmi_read]+="$(time_ms "$VENV/bin/python" "$WORK/gemmi_read.py" "$FILE") "
  runs[ionics_summary]+="$(time_ms "$IONICS" cif distances "$FILE" --max 3.0 --summary) "
  runs[gemmi_distances]+="$(time_ms "$VENV/bin/python" "$WORK/gemmi_distances.py" "$FILE") "
  runs[ionics_table]+="$(time_ms "$IONICS" cif distances "$FILE" --max 3.0) "
done
m() { echo "${runs[$1]}" | tr ' ' '\n' | grep . | median; }
pairs=$("$IONICS" cif distances "$FILE" --max 3.0 --summary --json \
  | "$VENV/bin/python" -c "import json,sys; print(sum(p['bondCount'] for p in json.load(sys.stdin)['results']))")
gemmi_pairs=$("$VENV/bin/python" "$WORK/gemmi_distances.py" "$FILE")
warm=$("$VENV/bin/python" - "$FILE" <<'PY'
import sys, time, gemmi
t0 = time.perf_counter()
st = gemmi.make_small_structure_from_block(gemmi.cif.read(sys.argv[1]).sole_block())
sites = st.get_all_unit_cell_sites()
t1 = time.perf_counter()
ns = gemmi.NeighborSearch(st, 3.0).populate()
sum(len(ns.find_site_neighbors(s, min_dist=0.1, max_dist=3.0)) for s in sites)
print(f"{(t1 - t0) * 1000:.0f} ms read, {(time.perf_counter() - t0) * 1000:.0f} ms with distances")
PY
)
echo "18 739 sites, every distance below 3 Å; whole processes, median of $REPEATS alternating runs"
printf '%-44s%10s%16s%9s\n' "" "read" "+ distances" "pairs"
printf '%-44s%7s ms%13s ms%9s\n' "Ionics (cif read / cif distances --summary)" "$(m ionics_read)" "$(m ionics_summary)" "$pairs"
printf '%-44s%7s ms%13s ms%9s\n' "gemmi $("$VENV/bin/python" -c 'import gemmi; print(gemmi.__version__)') (Python module, one process)" "$(m gemmi_read)" "$(m gemmi_distances)" "$gemmi_pairs"
echo "ratio gemmi/Ionics: $(python3 -c "print(f'{$(m gemmi_read)/$(m ionics_read):.2f} (read), {$(m gemmi_distances)/$(m ionics_summary):.2f} (with distances)')")"
echo "Ionics printing all $pairs bonds with s.u. (cif distances): $(m ionics_table) ms"
echo "gemmi warm inside one interpreter: $warm"
if [ "${FULL:-0}" = 1 ]; then
  "$VENV/bin/python" - "$FILE" <<'PY'
import sys, time
from pymatgen.io.cif import CifParser
t0 = time.perf_counter()
s = CifParser(sys.argv[1]).parse_structures(primitive=False)[0]
n = len(s.get_all_neighbors(3.0))
print(f"pymatgen: {time.perf_counter() - t0:.1f} s to read and find the neighbours")
PY
else
  echo "pymatgen: not run (FULL=1 installs and runs it; about 250 s to read this file)"
fi
