#!/usr/bin/env bash
# The project report, whole processes, release build:
#   bash Benchmarks/report/run.sh
# 1. The bundled project (Examples/nrascn-paper: 29 raw files, 11 sections)
#    with the cache off (--clean): goal under 1 s. Timed with figures as SVG
#    and CSV only, then with the PNG (600 dpi) and PDF conversions of
#    rsvg-convert when it is installed; then a second, cached run.
# 2. A larger project on 2 cores: 102 spectra (16 temperature series of 6
#    spectra, an interface spectrum, a storage series of 5), 20 cycler files
#    (1000+ cycles each) and a structure with its migration map: goal under 5 s.
# There is no anchor program for a whole report: the goals are absolute.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEATS="${REPEATS:-5}"
swift build -c release --product ionics >/dev/null
IONICS=$PWD/.build/release/ionics
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. Benchmarks/timing.sh

echo "== 1. bundled project (Examples/nrascn-paper), cache off"
svg=$(for _ in $(seq "$REPEATS"); do time_ms "$IONICS" report Examples/nrascn-paper --out "$WORK/r1" --clean --svg-only; done | median)
echo "   SVG + CSV figures:                 $svg ms (goal < 1000 ms)"
if command -v rsvg-convert >/dev/null; then
  full=$(for _ in $(seq "$REPEATS"); do rm -rf "$WORK/r2"; time_ms "$IONICS" report Examples/nrascn-paper --out "$WORK/r2" --clean; done | median)
  echo "   with PNG 600 dpi + PDF figures:    $full ms"
fi
cached=$(for _ in $(seq "$REPEATS"); do time_ms "$IONICS" report Examples/nrascn-paper --out "$WORK/r1" --svg-only; done | median)
echo "   second run, nothing changed:       $cached ms"

echo "== 2. 102 spectra, 20 cycler files and a structure"
P="$WORK/big"
"$IONICS" demo --no-report --export-project "$P" >/dev/null
{
  sed -n '/^\[project\]/,/^\[conductivity\]/p' "$P/ionics.toml" | sed '$d'
  for k in $(seq 1 16); do
    mkdir -p "$P/eis/series$k"
    for f in "$P"/eis/pellet/*.csv; do cp "$f" "$P/eis/series$k/"; done
    if [ "$k" = 1 ]; then echo "[conductivity]"; else echo "[[comparison]]"; fi
    printf 'name = "pellet %s"\nfiles = ["eis/series%s/*.csv"]\ncircuit = "p(R1,CPE1)-CPE2"\ndiameter = 12\nthickness = 4\n\n' "$k" "$k"
  done
  sed -n '/^\[\[interface\]\]/,/^\[\[cell\]\]/p' "$P/ionics.toml" | sed '$d'
  mkdir -p "$P/cells20"
  for k in $(seq 1 20); do
    src="$P/cells/NVP_PEO-NaTFSI-NRASCN_Na_rate-then-1000-cycles.csv"
    [ $((k % 2)) = 0 ] && src="$P/cells/NVP_PEO-NaTFSI_Na_1000-cycles.csv"
    cp "$src" "$P/cells20/cell$k.csv"
    printf '[[cell]]\nname = "cell %s"\nfile = "cells20/cell%s.csv"\nactive-mass = 2\none-c = 117\n%s\n' "$k" "$k" "$([ "$k" = 1 ] || echo 'comparison = true')"
  done
} > "$P/big.toml"
big=$(for _ in $(seq "$REPEATS"); do time_ms "$IONICS" report "$P/big.toml" --out "$WORK/r3" --clean --svg-only; done | median)
spectra=$(find "$P/eis/series"* "$P/eis/interface" "$P/eis/storage" -name '*.csv' | wc -l)
echo "   $spectra spectra, 20 cycler files, 1 structure: $big ms (goal < 5000 ms, $(nproc) cores)"
