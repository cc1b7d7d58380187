"""Reference values for GateEngineTests.FixedTableMatchesTheHandComputedReference.

Independent of the C# code: paired t, McNemar, Holm, SplitMix64 bootstrap and the t CDF come from
../Comparison/make_reference.py (pure Python); the t quantile at any level is found here by bisection.
Run: python3 gate_reference.py
"""
import importlib.util
import math
import os

spec = importlib.util.spec_from_file_location("ref", os.path.join(os.path.dirname(__file__), "..", "Comparison", "make_reference.py"))
ref = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ref)


def t_quantile(q, df):
    lo, hi = 0.0, 1000.0
    for _ in range(300):
        mid = (lo + hi) / 2.0
        if ref.t_cdf(mid, df) < q:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


def bootstrap(d, b, seed, level):
    rng = ref.SplitMix64(seed)
    n = len(d)
    means = []
    for _ in range(b):
        total = 0.0
        for _ in range(n):
            total += d[rng.index(n)]
        means.append(total / n)
    means.sort()
    tail = (100 - 100 * level) / 2
    return ref.percentile(means, tail), ref.percentile(means, 100 - tail)


MRCR_A = [0.90, 0.85, 0.80, 0.95, 0.70, 0.88, 0.92, 0.75, 0.83, 0.91]
MRCR_B = [0.80, 0.82, 0.70, 0.90, 0.65, 0.80, 0.85, 0.70, 0.81, 0.83]
# niah: 20 both pass, 6 baseline pass & candidate fail, 4 both fail (in this order).
NIAH_A = [1.0] * 26 + [0.0] * 4
NIAH_B = [1.0] * 20 + [0.0] * 10

mrcr = ref.paired(MRCR_A, MRCR_B)
niah = ref.paired(NIAH_A, NIAH_B)
niah_p = ref.mcnemar(6, 0)["p"]
ps = [mrcr["p"], niah_p]
holm = ref.holm(ps)
print("mrcr", mrcr)
print("niah t", niah, "mcnemar p", niah_p)
print("holm", holm)
order = sorted(range(2), key=lambda i: (ps[i], i))
for rank, i in enumerate(order, start=1):
    alpha_k = 0.05 / (2 - rank + 1)
    level = 1 - alpha_k
    r = [mrcr, niah][i]
    q = t_quantile(1 - alpha_k / 2, r["df"])
    lo, hi = r["diff"] - q * r["se"], r["diff"] + q * r["se"]
    name = ["mrcr", "niah"][i]
    print(name, "rank", rank, "level", repr(level), "t interval", repr(lo), repr(hi))
    if name == "mrcr":
        d = [y - x for x, y in zip(MRCR_A, MRCR_B)]
        blo, bhi = bootstrap(d, 10000, 20261123, level)
        print("  bootstrap", repr(blo), repr(bhi), "gate interval", repr(min(lo, blo)), repr(max(hi, bhi)))
    print("  mde", repr(r["mde"]))
