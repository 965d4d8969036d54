"""Times impedance.py's linKK and pyDRTtools' GCV DRT on the benchmark cases.

Usage: python anchors.py CASES_JSON REPEATS
Each case: {"name", "kind" ("kk" or "drt"), "csv"}; the CSV has a header and
columns frequency_Hz, real_Ohm, imaginary_Ohm (Im Z < 0 capacitive).
Lin-KK: linKK(c=0.5, max_M=100, fit_type='complex', add_cap=True), as in
impedance.py's validation example. DRT: pyDRTtools simple_run with Gaussian
RBFs, FWHM coefficient 0.5, 1st-derivative penalty, combined Re-Im data,
inductance fitted, lambda by GCV (its defaults). Prints one JSON line per case.
"""
import contextlib
import io
import json
import sys
import time
import types
import warnings

import numpy as np

warnings.filterwarnings("ignore")
# impedance.py 1.7.1 builds its Lin-KK model by eval() of printed numbers,
# which numpy >= 2 prints as np.float64(...): print them the old way.
np.set_printoptions(legacy="1.25")
# pyDRTtools imports its Qt GUI at package import; the numerics do not need it.
for name in ("pyDRTtools.cli", "pyDRTtools.GUI", "pyDRTtools.layout"):
    sys.modules[name] = types.ModuleType(name)
with contextlib.redirect_stdout(io.StringIO()):
    from impedance.validation import linKK
    from pyDRTtools.runs import EIS_object, simple_run

cases = json.load(open(sys.argv[1]))
repeats = int(sys.argv[2])
for case in cases:
    data = np.loadtxt(case["csv"], delimiter=",", skiprows=1)
    f, z = data[:, 0], data[:, 1] + 1j * data[:, 2]
    times = []
    result = {}
    for _ in range(repeats):
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            if case["kind"] == "kk":
                m, mu, _, real, imag = linKK(f, z, c=0.5, max_M=100, fit_type="complex", add_cap=True)
                result = {"M": int(m), "mu": float(mu),
                          "band": 100 * float(max(np.max(np.abs(real)), np.max(np.abs(imag))))}
            else:
                entry = EIS_object(f, z.real, z.imag)
                simple_run(entry, rbf_type="Gaussian", data_used="Combined Re-Im Data", induct_used=1,
                           der_used="1st order", cv_type="GCV", reg_param=1e-3,
                           shape_control="FWHM Coefficient", coeff=0.5)
                lam = entry.lambda_value
                result = {"lambda": float(np.atleast_1d(lam)[0])}
        times.append(time.perf_counter() - start)
    print(json.dumps({"name": case["name"], "ms": 1000 * float(np.median(times)), **result}))
    sys.stdout.flush()
