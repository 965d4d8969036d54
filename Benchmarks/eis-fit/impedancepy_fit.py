"""Times impedance.py fits on the benchmark cases; prints one JSON line per case.

Usage: python impedancepy_fit.py CASES_JSON REPEATS
Each case: {"name", "csv", "circuit", "guess"}; the CSV has a header and
columns frequency_Hz, real_Ohm, imaginary_Ohm (Im Z < 0 capacitive).
impedance.py fits with weight_by_modulus=True, the same weighting as Ionics'
default, and chi-squared is computed the same way: sum(|dZ|^2/|Z|^2).
"""
import json
import sys
import time
import warnings

import numpy as np
from impedance.models.circuits import CustomCircuit

warnings.filterwarnings("ignore")
cases = json.load(open(sys.argv[1]))
repeats = int(sys.argv[2])
for case in cases:
    data = np.loadtxt(case["csv"], delimiter=",", skiprows=1)
    f, z = data[:, 0], data[:, 1] + 1j * data[:, 2]
    times = []
    circuit = None
    for _ in range(repeats):
        circuit = CustomCircuit(case["circuit"], initial_guess=case["guess"])
        start = time.perf_counter()
        try:
            circuit.fit(f, z, weight_by_modulus=True, maxfev=100000)
        except Exception as error:  # a failed fit is reported, not hidden
            print(json.dumps({"name": case["name"], "error": str(error)}))
            break
        times.append(time.perf_counter() - start)
    else:
        residual = circuit.predict(f, use_initial=False) - z
        chi2 = float(np.sum(np.abs(residual) ** 2 / np.abs(z) ** 2))
        print(json.dumps({"name": case["name"], "ms": 1000 * float(np.median(times)), "chi2": chi2,
                          "parameters": list(map(float, circuit.parameters_))}))
    sys.stdout.flush()
