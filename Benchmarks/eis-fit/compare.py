"""Prints the Ionics/impedance.py comparison table from the two result files."""
import json
import sys

ionics = {r["name"]: r for r in map(json.loads, open(sys.argv[1]))}
python = {r["name"]: r for r in map(json.loads, open(sys.argv[2]))}
print(f"{'case':<28} {'impedance.py ms':>15} {'Ionics ms':>10} {'speed-up':>9} {'chi2 impedance.py':>18} {'chi2 Ionics':>12}")
for name, mine in ionics.items():
    theirs = python.get(name, {})
    if "ms" not in theirs:
        print(f"{name:<28} {'failed':>15} {mine['ms']:>10.3f} {'-':>9} {'-':>18} {mine['chi2']:>12.4e}")
        continue
    ratio = theirs["ms"] / mine["ms"]
    print(f"{name:<28} {theirs['ms']:>15.2f} {mine['ms']:>10.3f} {ratio:>8.0f}x {theirs['chi2']:>18.4e} {mine['chi2']:>12.4e}")
