#!/usr/bin/env bash
# XPS: reading a VAMAS region and fitting it with an active Shirley background
# and four Gaussian components, whole processes, release build:
#   bash Benchmarks/spectroscopy/run.sh
# Anchor: vamas 0.2.0 (reading) + lmfit with lmfitxps' ShirleyBG (the
# background refined with the peaks) in a throwaway venv in /tmp, on the same
# region: the C 1s of PHI MultiPak's lg4x_Mutlipak_vms.npl (601 points), four
# components C–C 284.8, C–O 286.3, C=O 287.8, O–C=O 289.0 eV. Goal: ≥ 20×.
# The anchor's time inside Python (read + fit, imports excluded) is printed too.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="${IONICS_DATA:-../shared/data}/spectroscopy/xps"
VENV=/tmp/ionics-xps-venv
REPEATS="${REPEATS:-5}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import lmfitxps, lmfit, vamas" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q numpy scipy lmfit lmfitxps vamas
fi
swift build -c release --product ionics >/dev/null
IONICS=.build/release/ionics
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. Benchmarks/timing.sh
# vamas insists on the .vms extension.
cp "$DATA/lg4x_Mutlipak_vms.npl" "$WORK/multipak.vms"
cat > "$WORK/anchor.py" <<'PY'
import sys, time
t0 = time.perf_counter()
import numpy as np, vamas
from lmfit.models import GaussianModel
from lmfitxps.models import ShirleyBG
t1 = time.perf_counter()
block = vamas.Vamas(sys.argv[1]).blocks[0]          # C 1s, binding-energy axis
y = np.array(block.corresponding_variables[0].y_values, dtype=float)
x = block.x_start + block.x_step * np.arange(len(y))
order = np.argsort(x); x, y = x[order], y[order]
model = ShirleyBG(prefix="bg_", independent_vars=["y"])
params = model.make_params(k=0.003, const=y[:3].mean())
for k, c in enumerate([284.8, 286.3, 287.8, 289.0]):
    g = GaussianModel(prefix=f"p{k}_")
    params.update(g.make_params(center=dict(value=c + 0.2, min=c - 2, max=c + 2), sigma=dict(value=0.6, min=0.1, max=2), amplitude=dict(value=1000, min=0)))
    model = model + g
result = model.fit(y, params, x=x, y=y, weights=1 / np.sqrt(np.maximum(y, 1)))
t2 = time.perf_counter()
print(f"{(t2 - t1) * 1000:.1f} {result.params['p0_center'].value:.3f}")
PY
"$VENV/bin/python" "$WORK/anchor.py" "$WORK/multipak.vms" > "$WORK/anchor.txt"
ionics() {
  "$IONICS" xps "$DATA/lg4x_Mutlipak_vms.npl" --region "C 1s" --shape "GL(0)" --background active-shirley \
    --component "C-C@284.8" --component "C-O@286.3" --component "C=O@287.8" --component "O-C=O@289.0" "$@"
}
ours=$(for _ in $(seq "$REPEATS"); do time_ms ionics; done | median)
theirs=$(for _ in $(seq "$REPEATS"); do time_ms "$VENV/bin/python" "$WORK/anchor.py" "$WORK/multipak.vms"; done | median)
echo "C 1s, active Shirley + 4 Gaussians (whole processes, median of $REPEATS):"
echo "  Ionics $ours ms, vamas + lmfit/lmfitxps $theirs ms: $(python3 -c "print(f'{$theirs/max($ours,1):.1f}')")×"
echo "  anchor inside Python (read + fit, no imports): $(cut -d' ' -f1 "$WORK/anchor.txt") ms; its C–C at $(cut -d' ' -f2 "$WORK/anchor.txt") eV"
ionics | grep -E "^C-C"
