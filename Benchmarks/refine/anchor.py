"""xrayutilities' PowderModel fit of a GSAS STD LaB6 pattern: the runnable
anchor of Benchmarks/refine (lattice parameter, scale, background and
Lorentzian crystallite size and zero error refined by lmfit on the fundamental-parameters
simulation). Prints the refined a, the weighted R factor and the fit time.
    python anchor.py PATTERN.gsas LaB6.cif"""
import sys
import time
import warnings

import numpy as np
import xrayutilities as xu
from xrayutilities.simpack import Powder, PowderModel

warnings.filterwarnings("ignore")


def read_gsas_std(path):
    """2θ (degrees) and counts of a GSAS STD CONST bank: 10 fields of 8
    characters per line, each a 2-character counter count and a 6-character
    intensity."""
    lines = open(path).read().splitlines()
    bank = next(i for i, l in enumerate(lines) if l.startswith("BANK "))
    fields = lines[bank].split()
    count, start, step = int(fields[2]), float(fields[5]), float(fields[6])
    y = []
    for line in lines[bank + 1:]:
        for k in range(10):
            chunk = line[8 * k:8 * k + 8]
            if len(y) < count and chunk.strip():
                y.append(float(chunk[2:]))
    x = (start + step * np.arange(len(y))) / 100
    return x, np.array(y)


x, y = read_gsas_std(sys.argv[1])
material = xu.materials.Crystal.fromCIF(sys.argv[2])
started = time.perf_counter()
model = PowderModel(
    Powder(material, 1), I0=float(y.max()) * 10,
    fpsettings={"displacement": {"zero_error_deg": 0.0, "specimen_displacement": 0.0}})
model.set_background("polynomial", p=[float(np.percentile(y, 25)), 0, 0, 0])
params = model.create_fitparameters()
for name in ("phase_La_B6_a", "primary_beam_intensity", "emission_crystallite_size_lor",
             "displacement_zero_error_deg"):
    params[name].vary = True
params["emission_crystallite_size_lor"].value = 2e-7
params["emission_crystallite_size_lor"].min = 1e-8
for name in params:
    if name.startswith("background_coeff"):
        params[name].vary = True
result = model.fit(params, x, y, std=np.sqrt(np.maximum(y, 1)), maxfev=200)
elapsed = time.perf_counter() - started
calc = model.simulate(x)
rwp = 100 * np.sqrt(np.sum((y - calc) ** 2 / np.maximum(y, 1)) / np.sum(y ** 2 / np.maximum(y, 1)))
model.close()
print(f"a {result.params['phase_La_B6_a'].value:.6f} Rwp {rwp:.2f} seconds {elapsed:.2f}")
