#!/usr/bin/env bash
# The temperature-series pipeline: Ionics against impedance.py on the same six spectra.
#   bash Benchmarks/conductivity/run.sh          # REPEATS=20 by default
# Ionics: `ionics conductivity series` on Examples/pellet-series (automatic guess,
# multi-start, chained starts, Arrhenius in both forms, VTF) and the whole
# `ionics demo` (every section, with the HTML report), release build, wall clock.
# impedance.py 1.7.1 (throwaway venv in /tmp, never part of the product): the same
# circuit fitted to the same files from one hand-typed guess, then σ and an
# unweighted Arrhenius line by numpy, which is what a user's script does.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEATS="${REPEATS:-20}"
VENV=/tmp/ionics-bench-venv
WORK="$(mktemp -d /tmp/ionics-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "from impedance.models.circuits import CustomCircuit" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q impedance==1.7.1 pandas altair matplotlib
fi
swift build -c release --product ionics >/dev/null
IONICS=.build/release/ionics
SERIES=Examples/pellet-series
CIRCUIT="p(R1,CPE1)-CPE2"

# Ionics, series command: fit time reported by the program, and wall clock of the process.
for i in $(seq "$REPEATS"); do
  start=$(date +%s%N)
  "$IONICS" conductivity series "$SERIES" --circuit "$CIRCUIT" --diameter 12 --thickness 4 --json \
    > "$WORK/series.json"
  end=$(date +%s%N)
  "$VENV/bin/python" -c "
import json; r = json.load(open('$WORK/series.json'))['results']
print(r['fitMilliseconds'], ($end - $start) / 1e6, r['bulkArrhenius'][0]['activationEnergyElectronvolts']['value'])" \
    >> "$WORK/ionics.txt"
done
# The whole demo, with its report.
for i in $(seq "$REPEATS"); do
  start=$(date +%s%N)
  "$IONICS" demo --report "$WORK/demo.html" > /dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 )) >> "$WORK/demo.txt"
done

"$VENV/bin/python" Benchmarks/conductivity/anchor.py "$SERIES" "$CIRCUIT" 3 > "$WORK/anchor.json"

"$VENV/bin/python" - "$WORK" "$REPEATS" <<'PY'
import json, statistics, sys
work, repeats = sys.argv[1], int(sys.argv[2])
rows = [list(map(float, l.split())) for l in open(f"{work}/ionics.txt")]
fit_ms = statistics.median(r[0] for r in rows)
wall_ms = statistics.median(r[1] for r in rows)
ea = rows[0][2]
demo_ms = statistics.median(float(l) for l in open(f"{work}/demo.txt"))
a = json.load(open(f"{work}/anchor.json"))
n = a["spectra"]
print(f"Six simulated NRASCN pellet spectra, 25–100 °C, circuit {a['circuit']} (median of {repeats} runs)")
print(f"{'':34}{'per spectrum':>14}{'series':>12}{'Ea (eV)':>10}")
print(f"{'Ionics conductivity series (fits)':34}{fit_ms / n:12.1f} ms{fit_ms:9.0f} ms{ea:10.4f}")
print(f"{'Ionics, whole process':34}{wall_ms / n:12.1f} ms{wall_ms:9.0f} ms")
print(f"{'impedance.py 1.7.1 (fits only)':34}{a['ms'] / n:12.1f} ms{a['ms']:9.0f} ms{a['ea']:10.4f}")
print(f"ratio impedance.py / Ionics per spectrum: {a['ms'] / fit_ms:.0f}× (fits), {a['ms'] / wall_ms:.0f}× (Ionics' whole process)")
ours = [p["fit"]["chiSquared"] for p in json.load(open(f"{work}/series.json"))["results"]["points"]]
print("impedance.py chi2 / Ionics chi2 per spectrum (25 → 100 °C): "
      + ", ".join(f"{x / y:.3g}" for x, y in zip(a["chi2"], ours)))
print(f"ionics demo (all sections + HTML report): {demo_ms:.0f} ms wall clock (goal < 2000 ms)")
PY
