#!/usr/bin/env bash
# Cycler files: Ionics against the anchors on the same inputs, whole processes.
#   bash Benchmarks/cycling/run.sh
# 1. A 2-million-row CSV (the LAND/SINTEF file of ../shared/data repeated, time and
#    cycle shifted) read and summarised per cycle: Ionics vs pandas read_csv + groupby;
#    Ionics' peak memory against the size of the file's numeric columns.
# 2. BioLogic .mpr: Ionics (read + per-cycle summary) vs galvani (read only).
# 3. Neware .ndax/.nda: Ionics (read + summary) vs NewareNDA.read.
# Needs ../shared/data (or IONICS_DATA) and PyPI for the throwaway venv in /tmp.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="${IONICS_DATA:-../shared/data}/cycling"
VENV=/tmp/ionics-cycling-venv
REPEATS="${REPEATS:-5}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pandas, galvani, NewareNDA" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q pandas galvani NewareNDA
fi
swift build -c release --product ionics >/dev/null
IONICS=.build/release/ionics
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. Benchmarks/timing.sh
ratio() { python3 -c "print(f'{$2/max($1,1):.1f}')"; }

# 1. Two million rows.
"$VENV/bin/python" - "$DATA/land/bdf_SINTEF__LiGrR2032__2024-04-30__25degC__Landt.csv" "$WORK/2M.csv" <<'PY'
import sys
lines = open(sys.argv[1]).read().split("\n")
head, data = lines[:7], [l for l in lines[7:] if l.strip()]
with open(sys.argv[2], "w") as out:
    out.write("\n".join(head) + "\n")
    n, r = 0, 0
    while n < 2_000_000:
        for l in data:
            if n >= 2_000_000:
                break
            f = l.split(",")
            f[4] = "%.3f" % (float(f[4]) + r * 400000)
            f[1] = str(int(f[1]) + r * 1000)
            out.write(",".join(f) + "\n")
            n += 1
        r += 1
PY
cat >"$WORK/pandas_summary.py" <<'PY'
import sys, pandas as pd
df = pd.read_csv(sys.argv[1], skiprows=6, index_col=False)
g = df.groupby("cycle_index").agg(
    charge=("charge_capacity_Ah", "max"), discharge=("discharge_capacity_Ah", "max"))
print(len(df), len(g))
PY
numeric=$("$VENV/bin/python" -c "
import sys, pandas as pd
df = pd.read_csv(sys.argv[1], skiprows=6, index_col=False)
print(int(df.select_dtypes('number').memory_usage(index=False).sum()))" "$WORK/2M.csv")
# Timed as tables (what pandas does too); --json also hashes the 215 MB
# input for its provenance record, timed on its own line below.
i=$(for r in $(seq "$REPEATS"); do time_ms "$IONICS" cycling summary "$WORK/2M.csv"; done | median)
j=$(for r in $(seq "$REPEATS"); do time_ms "$IONICS" cycling summary "$WORK/2M.csv" --json; done | median)
p=$(for r in $(seq 3); do time_ms "$VENV/bin/python" "$WORK/pandas_summary.py" "$WORK/2M.csv"; done | median)
rss=$( { /usr/bin/time -f "%M" "$IONICS" cycling summary "$WORK/2M.csv" --json >/dev/null; } 2>&1 | tail -1)
printf '%-58s%10s%12s%8s\n' "input" "Ionics" "anchor" "ratio"
printf '%-58s%7s ms%9s ms%7s×\n' "2 000 000-row CSV, read + per-cycle summary (pandas)" "$i" "$p" "$(ratio "$i" "$p")"
printf '%-58s%7s ms\n' "  the same with --json (SHA-256 of the input included)" "$j"
printf '  peak memory %s MB = %s × the numeric columns (%s MB); goal ≤ 2×\n' \
  "$((rss / 1024))" "$(python3 -c "print(f'{$rss*1024/$numeric:.2f}')")" "$((numeric / 1048576))"

# 2. BioLogic .mpr against galvani.
for f in biologic/cellpy_biol.mpr biologic/yadg_gcpl.issue_175.mpr; do
  i=$(for r in $(seq "$REPEATS"); do time_ms "$IONICS" cycling summary "$DATA/$f"; done | median)
  p=$(for r in $(seq 3); do time_ms "$VENV/bin/python" -c "import sys; from galvani import BioLogic; BioLogic.MPRfile(sys.argv[1]).data" "$DATA/$f"; done | median)
  printf '%-58s%7s ms%9s ms%7s×\n' "$(basename "$f") (galvani)" "$i" "$p" "$(ratio "$i" "$p")"
done

# 3. Neware against NewareNDA.
for f in neware/newarenda_test_2.ndax neware/cellpy_20260302_IFE_BTS85_2_9_8_1.ndax neware/newarenda_TestFile.nda; do
  i=$(for r in $(seq "$REPEATS"); do time_ms "$IONICS" cycling summary "$DATA/$f"; done | median)
  p=$(for r in $(seq 3); do time_ms "$VENV/bin/python" -c "import sys, NewareNDA; NewareNDA.read(sys.argv[1])" "$DATA/$f"; done | median)
  printf '%-58s%7s ms%9s ms%7s×\n' "$(basename "$f") (NewareNDA)" "$i" "$p" "$(ratio "$i" "$p")"
done
