"""impedance.py on a temperature series: fit each file, σ = l/(A·R1), Arrhenius by numpy.

Usage: python anchor.py FOLDER CIRCUIT REPEATS
Prints one JSON object: total fit time (median over REPEATS passes, ms), Ea (eV,
unweighted line of ln σ against 1/T), and each spectrum's chi2 defined as Ionics
reports it for modulus weights: sum(|dZ|^2/|Z|^2).
"""
import glob
import json
import math
import os
import re
import sys
import time
import warnings

import numpy as np
from impedance.models.circuits import CustomCircuit

warnings.filterwarnings("ignore")
folder, circuit_text, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(glob.glob(os.path.join(folder, "*.csv")),
               key=lambda p: float(re.search(r"_(\d+)C", p).group(1)))
guess = [3e4, 1e-10, 0.85, 1e-6, 0.85]  # what a user types once for the whole series
spectra = []
for path in files:
    d = np.loadtxt(path, delimiter=",", skiprows=1)
    spectra.append((float(re.search(r"_(\d+)C", path).group(1)), d[:, 0], d[:, 1] + 1j * d[:, 2]))

passes = []
for _ in range(repeats):
    start = time.perf_counter()
    fits = []
    for t, f, z in spectra:
        c = CustomCircuit(circuit_text, initial_guess=guess)
        c.fit(f, z, weight_by_modulus=True, maxfev=100000)
        fits.append(c)
    passes.append(1000 * (time.perf_counter() - start))

area = math.pi * 0.6 ** 2
chi2, inv_t, ln_sigma = [], [], []
for (t, f, z), c in zip(spectra, fits):
    chi2.append(float(np.sum(np.abs(c.predict(f) - z) ** 2 / np.abs(z) ** 2)))
    inv_t.append(1 / (t + 273.15))
    ln_sigma.append(math.log(0.4 / (area * c.parameters_[0])))
slope = np.polyfit(inv_t, ln_sigma, 1)[0]
print(json.dumps({"circuit": circuit_text, "spectra": len(spectra), "ms": float(np.median(passes)),
                  "ea": float(-slope * 8.617333262e-5), "chi2": chi2}))
