#!/usr/bin/env bash
# BVSE landscapes and percolation barriers: Ionics against bvlain on the same structures.
#   bash Benchmarks/migration/run.sh        # REPEATS=3 runs of Ionics (median), one of bvlain
# Both at 0.2 Å, cut-off 10 Å, Na+ as the mobile ion, energies up to 5 eV; bvlain 0.25.1 in a
# throwaway venv (/tmp/bvlain-venv), with the oxidation states set by element (Na+1, P+5,
# S-2, ...) rather than guessed by pymatgen's BVAnalyzer. Peak memory from /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="${IONICS_DATA:-../shared/data}/cif"
VENV=/tmp/bvlain-venv
REPEATS="${REPEATS:-3}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import bvlain" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q bvlain==0.25.1
fi
swift build -c release --product ionics >/dev/null
IONICS=.build/release/ionics
. Benchmarks/timing.sh

cat > /tmp/ionics-bvlain.py <<'PY'
import sys, time, warnings
warnings.filterwarnings("ignore")
from pymatgen.core import Structure
from bvlain import Lain
path, states = sys.argv[1], dict(kv.split("=") for kv in sys.argv[2].split(","))
st = Structure.from_file(path)
st.add_oxidation_state_by_element({k: int(v) for k, v in states.items()})
start = time.perf_counter()
lain = Lain(verbose=False)
lain.read_structure(st, oxi_check=False)
lain.bvse_distribution(mobile_ion="Na1+", resolution=0.2, r_cut=10.0)
e = lain.percolation_barriers(encut=5.0)
print(f"{e['E_1D']:.3f} {e['E_2D']:.3f} {e['E_3D']:.3f} {1000 * (time.perf_counter() - start):.0f}")
PY

printf '%-34s %-26s %-26s %9s %9s %7s %12s\n' structure "Ionics E1D/E2D/E3D (eV)" "bvlain E1D/E2D/E3D (eV)" "Ionics" "bvlain" ratio "peak MB I/b"
for case in "dd_NaCl.cif|Na=1,Cl=-1" \
  "cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif|Na=1,Mn=2,Fe=3,P=5,O=-2" \
  "pmgdiff_cNa3PS4_AIMD-2x2x2.cif|Na=1,P=5,S=-2"; do
  file="${case%%|*}"
  states="${case##*|}"
  i=$(for r in $(seq "$REPEATS"); do time_ms "$IONICS" migrate "$DATA/$file" --json; done | median)
  ie=$("$IONICS" migrate "$DATA/$file" --json | python3 -c "
import json, sys
t = {x['dimension']: x['barrierElectronvolts'] for x in json.load(sys.stdin)['results']['thresholds']}
print('/'.join(f'{t[d]:.3f}' if d in t else 'none' for d in (1, 2, 3)))")
  irss=$( { /usr/bin/time -f "%M" "$IONICS" migrate "$DATA/$file" --json >/dev/null; } 2>&1 | tail -1)
  out=$( { /usr/bin/time -f "%M" "$VENV/bin/python" /tmp/ionics-bvlain.py "$DATA/$file" "$states"; } 2>&1 | tail -2 || true)
  if ! echo "$out" | head -1 | grep -qE '^[0-9.inf]+ [0-9.inf]+ [0-9.inf]+ [0-9]+$'; then
    reason=$(echo "$out" | grep -o 'only supports ordered structures' | head -1 || true)
    printf '%-34s %-26s %-26s %6s ms %9s %7s %5s/-\n' "${file:0:34}" "$ie" \
      "fails: ${reason:-see its error}" "$i" "-" "-" "$((irss / 1024))"
    continue
  fi
  be=$(echo "$out" | head -1 | awk '{print $1"/"$2"/"$3}' | sed 's/inf/none/g')
  b=$(echo "$out" | head -1 | awk '{print $4}')
  brss=$(echo "$out" | tail -1)
  printf '%-34s %-26s %-26s %6s ms %6s ms %6s× %5s/%s\n' "${file:0:34}" "$ie" "$be" "$i" "$b" \
    "$(python3 -c "print(f'{$b/max($i,1):.0f}')")" "$((irss / 1024))" "$((brss / 1024))"
done
