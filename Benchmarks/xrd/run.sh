#!/usr/bin/env bash
# Simulated powder patterns (Cu Kα, 2θ 5–90°): Ionics against pymatgen's
# XRDCalculator on the same CIFs, both as whole processes.
#   bash Benchmarks/xrd/run.sh
# Needs ../shared/data (or IONICS_DATA) and PyPI for the throwaway venv in /tmp.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="${IONICS_DATA:-../shared/data}"
VENV=/tmp/ionics-cif-venv
REPEATS="${REPEATS:-5}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pymatgen.core" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q pymatgen
fi
swift build -c release --product ionics >/dev/null
IONICS=.build/release/ionics
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/pmg.py" <<'PY'
import sys, warnings
warnings.filterwarnings("ignore")
from pymatgen.io.cif import CifParser
from pymatgen.analysis.diffraction.xrd import XRDCalculator
s = CifParser(sys.argv[1]).parse_structures(primitive=False)[0]
p = XRDCalculator("CuKa").get_pattern(s, two_theta_range=(5, 90))
print(len(p.x))
PY
. Benchmarks/timing.sh
printf '%-62s%12s%12s%8s\n' "file (Cu Kα, 5–90°)" "Ionics" "pymatgen" "ratio"
for f in dd_NaCl.cif cod2011885_ZnNCN_zinc-cyanamide.cif \
  cod9005454_alluaudite_NaMnFe2P3O12_aniso-label-mismatch.cif cod1004001_disorder.cif; do
  i=$(for r in $(seq "$REPEATS"); do time_ms "$IONICS" xrd "$DATA/cif/$f" --radiation CuKa --pymatgen; done | median)
  p=$(for r in $(seq 3); do time_ms "$VENV/bin/python" "$WORK/pmg.py" "$DATA/cif/$f"; done | median)
  printf '%-62s%9s ms%9s ms%7s×\n' "$f" "$i" "$p" "$(python3 -c "print(round($p/max($i,1)))")"
done
LARGE_FILE="$DATA/cif/large/nasiconkmc_0.3_1_Na1331Zr2048Si307P2765O12288_supercell.cif"
if [ -f "$LARGE_FILE" ]; then
  # pymatgen sums every reflection over every atom in Python: not run (hours).
  i=$(for r in $(seq "$REPEATS"); do time_ms "$IONICS" xrd "$LARGE_FILE" --radiation CuKa --pymatgen; done | median)
  printf '%-62s%9s ms%12s\n' "18 739-atom supercell (non-uniform FFT; goal < 1 s)" "$i" "not run"
fi
