#!/usr/bin/env bash
# Ionics vs impedance.py on the same spectra and circuits.
#   bash Benchmarks/eis-fit/run.sh            # default: 3 rounds of 50 warm repeats per case, batch of 1000
# The two programs take turns, round after round, so that the slow and fast
# spells of a shared machine fall on both: the table gives the median of the
# per-round speed-ups and their range.
# Needs ../shared/data (or IONICS_DATA) and network access to PyPI for the
# throwaway venv at /tmp/ionics-bench-venv (never part of the product).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="${IONICS_DATA:-../shared/data}"
REPEATS="${REPEATS:-50}"
ROUNDS="${ROUNDS:-3}"
BATCH="${BATCH:-1000}"
WORK="$(mktemp -d /tmp/ionics-bench.XXXXXX)"
VENV=/tmp/ionics-bench-venv

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q impedance==1.7.1 pandas altair matplotlib
fi
swift build -c release --product ionics >/dev/null
IONICS=.build/release/ionics

# Cases: name | file | ionics read options | circuit | impedance.py guess
cat > "$WORK/cases.txt" <<CASES
dummy-cell Circuit1|$DATA/eis/impedance.py/Circuit1_EIS_1.z||R0-p(R1,C1)|100,400,1e-5
dummy-cell Circuit3|$DATA/eis/impedance.py/Circuit3_EIS_1.z||R0-p(R1,C1)|100,400,1e-5
exampleData 7 parameters|$DATA/eis/impedance.py/exampleData.csv|--drop-inductive|R0-p(R1,C1)-p(R2-Wo1,C2)|0.01,0.01,100,0.01,0.05,100,1
EISFitpython Example2b|$DATA/eis/EISFitpython/Example-2/Example2b.txt|--fmin 5|p(R1,CPE1)-p(R2,CPE2)-CPE3|4.8e4,1.3e-10,0.8,9.2e4,1.3e-9,0.9,5.7e-7,0.6
NRASCN pellet (simulated)|SIMULATED||p(R1,CPE1)-CPE2|3e4,1e-10,0.85,1e-6,0.85
CASES

"$IONICS" eis simulate "p(R1,CPE1)-CPE2" -p R1=33682 -p CPE1_0=3.42e-11 -p CPE1_1=0.9 -p CPE2_0=2e-6 -p CPE2_1=0.8 \
  --fmin 0.1 --fmax 3e6 --noise 0.005 --seed 7 --output "$WORK/pellet.csv" >/dev/null

echo "[" > "$WORK/cases.json"
: > "$WORK/ionics.jsonl"
first=1
while IFS='|' read -r name file options circuit guess; do
  [ "$file" = SIMULATED ] && file="$WORK/pellet.csv"
  csv="$WORK/$(echo "$name" | tr ' ()' '___').csv"
  # The spectrum exactly as Ionics reads and trims it, for both programs.
  "$IONICS" eis read "$file" --json | "$VENV/bin/python" -c "
import json, sys
r = json.load(sys.stdin)['results'][0]
opts = '''$options'''
rows = list(zip(r['frequencyHz'], r['realOhm'], r['imaginaryOhm']))
if '--drop-inductive' in opts: rows = [x for x in rows if x[2] <= 0]
if '--fmin 5' in opts: rows = [x for x in rows if x[0] >= 5]
print('frequency_Hz,real_Ohm,imaginary_Ohm')
for x in rows: print('%r,%r,%r' % x)" > "$csv"
  [ $first = 1 ] || echo "," >> "$WORK/cases.json"
  first=0
  printf '{"name": "%s", "csv": "%s", "circuit": "%s", "guess": [%s]}' "$name" "$csv" "$circuit" "$guess" >> "$WORK/cases.json"
done < "$WORK/cases.txt"
echo "]" >> "$WORK/cases.json"

: > "$WORK/impedancepy.jsonl"
for round in $(seq "$ROUNDS"); do
  "$VENV/bin/python" Benchmarks/eis-fit/impedancepy_fit.py "$WORK/cases.json" "$REPEATS" >> "$WORK/impedancepy.jsonl"
  while IFS='|' read -r name file options circuit guess; do
    csv="$WORK/$(echo "$name" | tr ' ()' '___').csv"
    # Ionics: automatic guess + multi-start, median of REPEATS fits in one process
    # (warm, as impedance.py's fits are timed inside one interpreter).
    "$IONICS" eis fit "$csv" --circuit "$circuit" --repeat "$REPEATS" --json \
      | "$VENV/bin/python" -c "
import json, sys
r = json.load(sys.stdin)['results'][0]
print(json.dumps({'name': '''$name''', 'ms': r['fitMilliseconds'], 'chi2': r['fit']['chiSquared'], 'iterations': r['fit']['iterations']}))" >> "$WORK/ionics.jsonl"
  done < "$WORK/cases.txt"
done
echo "Per fit: median over $ROUNDS rounds of the median of $REPEATS warm fits; Ionics including its automatic guess and multi-start; chi2 = sum(|dZ|^2/|Z|^2):"
"$VENV/bin/python" Benchmarks/eis-fit/compare.py "$WORK/ionics.jsonl" "$WORK/impedancepy.jsonl"

# Batch: $BATCH simulated pellets (different noise seeds) in one file, fitted in parallel.
: > "$WORK/batch.csv"
for seed in $(seq "$BATCH"); do
  "$IONICS" eis simulate "p(R1,CPE1)-CPE2" -p R1=33682 -p CPE1_0=3.42e-11 -p CPE1_1=0.9 -p CPE2_0=2e-6 -p CPE2_1=0.8 \
    --fmin 0.1 --fmax 3e6 --noise 0.005 --seed "$seed" | tail -n +2 >> "$WORK/batch.csv"
done
start=$(date +%s.%N)
"$IONICS" eis fit "$WORK/batch.csv" --circuit "p(R1,CPE1)-CPE2" --json > "$WORK/batch.json"
end=$(date +%s.%N)
count=$("$VENV/bin/python" -c "import json; print(len(json.load(open('$WORK/batch.json'))['results']))")
echo "Batch: $count spectra fitted in parallel on $(nproc) cores in $(echo "$end - $start" | bc) s (wall clock, including reading)."
pellet_ms=$(grep pellet "$WORK/impedancepy.jsonl" | "$VENV/bin/python" -c "import json,sys,statistics; print(statistics.median(json.loads(l)['ms'] for l in sys.stdin))")
echo "impedance.py at its per-fit time would take $(echo "$pellet_ms * $count / 1000" | bc -l | cut -c1-6) s for the same batch, one fit at a time."
rm -rf "$WORK"
