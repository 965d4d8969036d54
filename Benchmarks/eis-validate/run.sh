#!/usr/bin/env bash
# Ionics vs impedance.py (Lin-KK) and pyDRTtools (DRT with GCV) on the same spectra.
#   bash Benchmarks/eis-validate/run.sh       # default: 20 warm repeats per case
# Needs ../shared/data (or IONICS_DATA) and PyPI for the throwaway venv at
# /tmp/ionics-bench-venv (never part of the product).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="${IONICS_DATA:-../shared/data}"
REPEATS="${REPEATS:-20}"
WORK="$(mktemp -d /tmp/ionics-bench.XXXXXX)"
VENV=/tmp/ionics-bench-venv

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
if ! "$VENV/bin/python" -c "import impedance, pyDRTtools, cvxopt, sklearn" 2>/dev/null; then
  "$VENV/bin/pip" install -q impedance==1.7.1 pyDRTtools==0.2 cvxopt scikit-learn pandas altair matplotlib
fi
swift build -c release --product ionics >/dev/null
IONICS=.build/release/ionics
"$IONICS" eis simulate "p(R1,CPE1)-CPE2" -p R1=33682 -p CPE1_0=3.42e-11 -p CPE1_1=0.9 -p CPE2_0=2e-6 -p CPE2_1=0.8 \
  --fmin 0.1 --fmax 3e6 --noise 0.005 --seed 7 --output "$WORK/pellet.csv" >/dev/null

# Cases: name | kind | file | highest frequency kept (Hz, empty = all)
cat > "$WORK/cases.txt" <<CASES
exampleData below 1 kHz|kk|$DATA/eis/impedance.py/exampleData.csv|999.99
Gamry REF3000|kk|$DATA/eis/impedance.py/exampleDataGamry.DTA|
EISFitpython Example2b|kk|$DATA/eis/EISFitpython/Example-2/Example2b.txt|
NRASCN pellet (simulated)|kk|$WORK/pellet.csv|
2ZARC1 (pyDRTtools)|drt|$DATA/eis/pyDRTtools/tutorial/data/2ZARC1.csv|
2ZARC5 (pyDRTtools)|drt|$DATA/eis/pyDRTtools/tutorial/data/2ZARC5.csv|
Li-ion cell LIB_data|drt|$DATA/eis/pyDRTtools/EIS data/text files/LIB_data.txt|
Li-ion cell data_1|drt|$DATA/eis/pyDRTtools/EIS data/csv files/data_1.csv|
CASES

echo "[" > "$WORK/cases.json"
: > "$WORK/ionics.jsonl"
first=1
while IFS='|' read -r name kind file fmax; do
  csv="$WORK/$(echo "$name" | tr ' ()' '___').csv"
  # The spectrum exactly as Ionics reads and trims it, for both programs.
  "$IONICS" eis read "$file" --json | "$VENV/bin/python" -c "
import json, sys
r = json.load(sys.stdin)['results'][0]
fmax = '''$fmax'''
rows = [x for x in zip(r['frequencyHz'], r['realOhm'], r['imaginaryOhm']) if not fmax or x[0] <= float(fmax)]
print('frequency_Hz,real_Ohm,imaginary_Ohm')
for x in rows: print('%r,%r,%r' % x)" > "$csv"
  if [ "$kind" = kk ]; then
    "$IONICS" eis kk "$csv" --cutoff 0.5 --capacitance --repeat "$REPEATS" --json | "$VENV/bin/python" -c "
import json, sys
r = json.load(sys.stdin)['results'][0]; t = r['test']
print(json.dumps({'name': '''$name''', 'ms': r['milliseconds'], 'M': t['elementCount'], 'mu': t['mu'], 'band': t['residualBandPercent']}))" >> "$WORK/ionics.jsonl"
  else
    "$IONICS" eis drt "$csv" --repeat "$REPEATS" --json | "$VENV/bin/python" -c "
import json, sys
r = json.load(sys.stdin)['results'][0]; d = r['drt']
print(json.dumps({'name': '''$name''', 'ms': r['milliseconds'], 'lambda': d['lambda'], 'peaks': len(d['peaks']), 'rbfs': len(d['centresSeconds'])}))" >> "$WORK/ionics.jsonl"
  fi
  [ $first = 1 ] || echo "," >> "$WORK/cases.json"
  first=0
  printf '{"name": "%s", "kind": "%s", "csv": "%s"}' "$name" "$kind" "$csv" >> "$WORK/cases.json"
done < "$WORK/cases.txt"
echo "]" >> "$WORK/cases.json"

"$VENV/bin/python" Benchmarks/eis-validate/anchors.py "$WORK/cases.json" "$REPEATS" > "$WORK/anchors.jsonl"
echo "Median of $REPEATS warm runs each, in one process per program."
echo "Lin-KK: c = 0.5, complex fit, series C and L, M searched from 1 (impedance.py 1.7.1 linKK)."
echo "DRT: Gaussian RBFs (FWHM coefficient 0.5), 1st-derivative penalty, lambda by GCV (pyDRTtools 0.2);"
echo "     Ionics' grid extends a decade beyond the data at each end (more RBFs than pyDRTtools' one per point)."
"$VENV/bin/python" - "$WORK/ionics.jsonl" "$WORK/anchors.jsonl" <<'PY'
import json, sys
ours = {d["name"]: d for d in map(json.loads, open(sys.argv[1]))}
theirs = {d["name"]: d for d in map(json.loads, open(sys.argv[2]))}
print(f"{'case':28} {'Ionics ms':>10} {'anchor ms':>10} {'speed-up':>9}  results (Ionics | anchor)")
for name, o in ours.items():
    t = theirs.get(name, {})
    ratio = t.get("ms", float("nan")) / o["ms"]
    if "M" in o:
        detail = f"M {o['M']}, mu {o['mu']:.3f}, band {o['band']:.2f} % | M {t.get('M')}, mu {t.get('mu', float('nan')):.3f}, band {t.get('band', float('nan')):.2f} %"
    else:
        detail = f"lambda {o['lambda']:.2g}, {o['peaks']} peaks, {o['rbfs']} RBFs | lambda {t.get('lambda', float('nan')):.2g}"
    print(f"{name:28} {o['ms']:10.2f} {t.get('ms', float('nan')):10.2f} {ratio:8.0f}x  {detail}")
PY
rm -rf "$WORK"
