#!/usr/bin/env bash
# Thermogravimetry: Ionics against pyTGA 0.1.1 on the exports both read (Mettler STARe text,
# PerkinElmer Pyris text, TRIOS .xls).
#   bash Benchmarks/tga/run.sh        # REPEATS=5 runs of each program (median)
# pyTGA reads the file (its DTG is implemented only for its pyrolysis stages), timed from
# inside after its imports; Ionics is the whole `ionics tga FILE --json` process (read, DTG,
# peaks, steps, rate) built for release. pyTGA lives in a throwaway venv (/tmp/pytga-venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="${IONICS_DATA:-../shared/data}/tga"
VENV=/tmp/pytga-venv
REPEATS="${REPEATS:-5}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pyTGA" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q pytga==0.1.1
fi
swift build -c release --product ionics >/dev/null 2>&1
IONICS=.build/release/ionics
. Benchmarks/timing.sh

cat > /tmp/ionics-pytga.py <<'PY'
import sys, time, warnings
warnings.filterwarnings("ignore")
import pyTGA
path, repeats = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(repeats):
    start = time.perf_counter()
    pyTGA.parse_TGA(path)
    times.append(1000 * (time.perf_counter() - start))
times.sort()
print(f"{times[len(times) // 2]:.0f}")
PY

printf '%-40s %9s %12s %9s %7s\n' file "size" "pyTGA (ms)" "Ionics" ratio
for file in pytga_MettlerToledo_example_file.txt pytga_PerkinElmer_example_file.txt \
  pytga_TA_instrument_excel.xls pytga_TAInstruments_example_file.txt pytga_netzsch_example3.txt; do
  size=$(du -k "$DATA/$file" | cut -f1)
  i=$(for r in $(seq "$REPEATS"); do time_ms "$IONICS" tga "$DATA/$file" --json; done | median)
  p=$("$VENV/bin/python" /tmp/ionics-pytga.py "$DATA/$file" "$REPEATS" 2>/dev/null || echo "-")
  if [ "$p" = "-" ]; then
    printf '%-40s %6s kB %12s %6s ms %7s\n' "$file" "$size" "cannot read" "$i" "-"
  else
    printf '%-40s %6s kB %12s %6s ms %6s×\n' "$file" "$size" "$p" "$i" \
      "$(python3 -c "print(f'{$p/max($i,1):.0f}')")"
  fi
done
