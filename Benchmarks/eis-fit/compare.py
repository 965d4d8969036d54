"""Prints the Ionics/impedance.py comparison table from the two result files.

Each file holds one JSON line per case and round, rounds in the same order;
the speed-up of a round is impedance.py's time over Ionics' time in that
round, and the table gives the medians and the range of the speed-ups.
"""
import json
import statistics
import sys
from collections import defaultdict


def by_case(path):
    rows = defaultdict(list)
    for line in open(path):
        row = json.loads(line)
        rows[row["name"]].append(row)
    return rows


ionics = by_case(sys.argv[1])
python = by_case(sys.argv[2])
print(f"{'case':<28} {'impedance.py ms':>15} {'Ionics ms':>10} {'speed-up (range)':>20} {'chi2 impedance.py':>18} {'chi2 Ionics':>12}")
for name, mine in ionics.items():
    theirs = [r for r in python.get(name, []) if "ms" in r]
    mine_ms = statistics.median(r["ms"] for r in mine)
    if not theirs:
        print(f"{name:<28} {'failed':>15} {mine_ms:>10.3f} {'-':>20} {'-':>18} {mine[0]['chi2']:>12.4e}")
        continue
    ratios = [t["ms"] / m["ms"] for t, m in zip(theirs, mine)]
    spread = f"{statistics.median(ratios):.0f}x ({min(ratios):.0f}-{max(ratios):.0f})"
    their_ms = statistics.median(r["ms"] for r in theirs)
    print(f"{name:<28} {their_ms:>15.2f} {mine_ms:>10.3f} {spread:>20} {theirs[0]['chi2']:>18.4e} {mine[0]['chi2']:>12.4e}")
