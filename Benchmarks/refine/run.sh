#!/usr/bin/env bash
# Whole-pattern fits: Ionics against xrayutilities' PowderModel fit (the
# runnable anchor, PyPI) on the NIST660CBI LaB6 pattern, and against GSAS-II's
# recorded timings (GSAS-II is not on PyPI; see README.md) on the three
# tutorial refinements. Whole processes, median of REPEATS runs.
#   bash Benchmarks/refine/run.sh
# Needs ../shared/data (or IONICS_DATA) and PyPI for the throwaway venv in /tmp.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="${IONICS_DATA:-../shared/data}/xrd"
VENV=/tmp/ionics-refine-venv
REPEATS="${REPEATS:-3}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import xrayutilities, lmfit" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q xrayutilities lmfit
fi
swift build -c release --product ionics >/dev/null
IONICS=.build/release/ionics
. Benchmarks/timing.sh
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# GSAS-II's "CuKa lab data" default instrument, which its LaB6 refinement used.
printf '#GSAS-II instrument parameter file for lab CuKa data\nType:PXC;Bank:1\nLam1:1.5405;Lam2:1.5443;Zero:0.0;Polariz.:0.7;Azimuth:0.0;I(L2)/I(L1):0.5\nU:2.0;V:-2.0;W:5.0;X:0.0;Y:0.0;Z:0.0;SH/L:0.002\n' >"$WORK/cuka.instprm"

run() {  # label, GSAS-II seconds, Ionics arguments…
  local label=$1 gsas=$2
  shift 2
  local ms
  ms=$(for r in $(seq "$REPEATS"); do time_ms "$IONICS" xrd refine "$@"; done | median)
  local rwp
  rwp=$("$IONICS" xrd refine "$@" --json | python3 -c "import json,sys; print(round(json.load(sys.stdin)['results']['rwpPercent'], 2))")
  printf '%-44s%9s ms  Rwp %5s %%%12s s%8s×\n' "$label" "$ms" "$rwp" "$gsas" \
    "$(python3 -c "print(round(float('$gsas'.split('–')[0]) * 1000 / max($ms, 1), 1))")"
}
printf '%-44s%12s%13s%14s%9s\n' "fit" "Ionics" "" "GSAS-II" "ratio"
run "NIST660CBI Le Bail (cell, zero, UVWXY)" "2.4–3.0" "$DATA/gsas2tut_NIST660CBI.gsas" \
  --cif Examples/lab6/LaB6.cif --radiation 1.5405,1.5443,0.5 --lebail
run "NIST660CBI Pawley" "2.4–3.0" "$DATA/gsas2tut_NIST660CBI.gsas" \
  --cif Examples/lab6/LaB6.cif --radiation 1.5405,1.5443,0.5 --pawley
run "LaB6_Jan2018 Le Bail (+ε, Kα2, displacement)" "2.4–3.0" "$DATA/gsas2tut_LaB6_Jan2018.raw" \
  --cif Examples/lab6/LaB6.cif --instrument "$WORK/cuka.instprm" --from 20 --to 70 --fix-zero \
  --fix-profile X,Y --microstrain --ka2-ratio --start-size 1 --start-microstrain 1000 --displacement --lebail
run "NAC + CaF2 Le Bail (11-BM, 2.5–32.1°)" "11" "$DATA/gsas2tut_11BM_NAC.fxye" \
  --cif "$DATA/gsas2tut_NAC.cif" --cif Examples/fluorite/CaF2.cif --instrument "$DATA/gsas2tut_11bm_gsas.prm" \
  --from 2.5 --to 32.117 --background-terms 12 --fix-zero --displacement --asymmetry \
  --asymmetry-quadrature gsas-ii --lebail
run "NAC + CaF2 Rietveld (NAC atoms, U_ij)" "24" "$DATA/gsas2tut_11BM_NAC.fxye" \
  --cif "$DATA/gsas2tut_NAC.cif" --cif Examples/fluorite/CaF2.cif --instrument "$DATA/gsas2tut_11bm_gsas.prm" \
  --from 2.5 --to 32.117 --background-terms 12 --fix-zero --displacement --asymmetry \
  --asymmetry-quadrature gsas-ii --rietveld --atoms --hold-atoms CaF2
echo
echo "Runnable anchor: xrayutilities $("$VENV/bin/python" -c 'import xrayutilities; print(xrayutilities.__version__)') PowderModel (fundamental parameters, lmfit) on NIST660CBI:"
i=$(for r in $(seq "$REPEATS"); do time_ms "$IONICS" xrd refine "$DATA/gsas2tut_NIST660CBI.gsas" \
  --cif Examples/lab6/LaB6.cif --radiation 1.5405,1.5443,0.5 --lebail; done | median)
x=$(for r in $(seq "$REPEATS"); do time_ms "$VENV/bin/python" Benchmarks/refine/anchor.py \
  "$DATA/gsas2tut_NIST660CBI.gsas" Examples/lab6/LaB6.cif; done | median)
echo "  xrayutilities: $("$VENV/bin/python" Benchmarks/refine/anchor.py "$DATA/gsas2tut_NIST660CBI.gsas" Examples/lab6/LaB6.cif)"
printf '  whole process: Ionics %s ms, xrayutilities %s ms, ratio %s×\n' "$i" "$x" "$(python3 -c "print(round($x/max($i,1), 1))")"
