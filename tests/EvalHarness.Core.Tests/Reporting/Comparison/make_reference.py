#!/usr/bin/env python3
"""Independent reference values for the comparison statistics (EvalHarness.Core.Reporting.Comparison).

Run:  python3 make_reference.py > reference_stats.json     (Python 3.11, standard library only; no scipy/numpy)

How every value is derived (none of it shares code with the C# implementation, which uses MathNet.Numerics):
- Datasets: drawn once with Python's `random.Random(seed)` and written into the JSON, so the C# tests read the very
  same numbers (floats are written with repr, which round-trips exactly).
- Student t CDF: the regularized incomplete beta I_x(a, b) evaluated by its continued fraction (modified Lentz,
  Numerical Recipes 6.4) with math.lgamma for the prefactor; two-sided p = I_{df/(df+t^2)}(df/2, 1/2).
- Student t 0.975 quantile: bisection on that CDF to 1e-15 (checked below against closed forms for df = 2 and 9).
- McNemar exact: p = min(1, 2 * sum_{k<=min(b,c)} C(b+c, k) / 2^(b+c)) computed exactly with fractions.Fraction
  and math.comb; used when b + c < 25.
- McNemar chi-square (b + c >= 25): chi2 = max(0, |b - c| - 1)^2 / (b + c); with 1 df the upper tail is
  P(X > chi2) = erfc(sqrt(chi2 / 2)) (math.erfc).
- Paired t: d_i = b_i - a_i, mean, sample sd (n - 1), SE = sd / sqrt(n), CI = mean -/+ t_{0.975, n-1} * SE.
- MDE = (1.96 + 0.84) * sd(d) / sqrt(n) (shared/notes/statistics.md).
- Clustered paired t: SE_cl = sqrt(C/(C-1) * sum_c (sum_{i in c}(d_i - mean d))^2) / n (the notes' clustered SE applied
  to the differences), df = C - 1, CI = mean -/+ t_{0.975, C-1} * SE_cl, MDE = (1.96 + 0.84) * SE_cl.
- Pearson r = sum((a - ma)(b - mb)) / sqrt(sum((a - ma)^2) * sum((b - mb)^2)).
- Welch: SE = sqrt(va/na + vb/nb), Welch-Satterthwaite df (not rounded), p and CI from the t distribution above.
- Holm: the step-down rule written literally (sort ascending, reject p_(k) while p_(k) <= alpha / (m - k + 1), stop
  at the first failure); adjusted p_(k) = max_{j<=k} min(1, (m - j + 1) * p_(j)).
- Bootstrap: SplitMix64 (Vigna's reference algorithm, checked below against its published first outputs for seed
  1234567); an index in [0, n) is (next() * n) >> 64. One replicate sums d over n drawn indices in draw order (or,
  clustered, over the members, in input order, of C drawn clusters, clusters numbered by first appearance) and
  divides by the number of samples summed. Percentile CI: the B means sorted, linear interpolation at rank
  p/100 * (B - 1) (numpy's default "linear" method) for p = 2.5 and 97.5. Plain float addition in the same order
  as the C# code makes these bit-for-bit reproducible.
"""
import json
import math
import random
import sys
from fractions import Fraction

MASK = (1 << 64) - 1


# ---------- special functions ----------
def betacf(a, b, x):
    fpmin = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    if abs(d) < fpmin:
        d = fpmin
    d = 1.0 / d
    h = d
    for m in range(1, 10000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        if abs(d) < fpmin:
            d = fpmin
        c = 1.0 + aa / c
        if abs(c) < fpmin:
            c = fpmin
        d = 1.0 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        if abs(d) < fpmin:
            d = fpmin
        c = 1.0 + aa / c
        if abs(c) < fpmin:
            c = fpmin
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-16:
            return h
    raise RuntimeError("betacf did not converge")


def betai(a, b, x):
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    bt = math.exp(lbt)
    if x < (a + 1.0) / (a + b + 2.0):
        return bt * betacf(a, b, x) / a
    return 1.0 - bt * betacf(b, a, 1.0 - x) / b


def t_two_sided_p(t, df):
    return betai(df / 2.0, 0.5, df / (df + t * t))


def t_cdf(t, df):
    tail = 0.5 * t_two_sided_p(t, df)
    return 1.0 - tail if t > 0 else tail


def t_quantile_975(df):
    lo, hi = 0.0, 1000.0
    for _ in range(300):
        mid = (lo + hi) / 2.0
        if t_cdf(mid, df) < 0.975:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-15:
            break
    return (lo + hi) / 2.0


# ---------- tests ----------
def mean(xs):
    return sum(xs) / len(xs)


def sd(xs):
    m = mean(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))


def mcnemar(b, c):
    n = b + c
    if n == 0:
        return {"b": b, "c": c, "method": "mcnemar_exact", "p": 1.0}
    if n < 25:
        k = min(b, c)
        tail = Fraction(sum(math.comb(n, i) for i in range(k + 1)), 2 ** n)
        return {"b": b, "c": c, "method": "mcnemar_exact", "p": float(min(Fraction(1), 2 * tail))}
    chi2 = max(0, abs(b - c) - 1) ** 2 / n
    return {"b": b, "c": c, "method": "mcnemar_chi2", "statistic": chi2, "p": math.erfc(math.sqrt(chi2 / 2.0))}


def paired(a, b):
    d = [y - x for x, y in zip(a, b)]
    n = len(d)
    md, s = mean(d), sd(d)
    se = s / math.sqrt(n)
    tq = t_quantile_975(n - 1)
    t = md / se
    ma, mb = mean(a), mean(b)
    sxy = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    sxx = sum((x - ma) ** 2 for x in a)
    syy = sum((y - mb) ** 2 for y in b)
    return {
        "n": n, "mean_a": ma, "mean_b": mb, "diff": md, "sd_diff": s, "se": se, "df": n - 1, "t": t,
        "t_quantile": tq, "ci_low": md - tq * se, "ci_high": md + tq * se, "p": t_two_sided_p(t, n - 1),
        "mde": (1.96 + 0.84) * s / math.sqrt(n), "correlation": sxy / math.sqrt(sxx * syy),
    }


def paired_clustered(a, b, clusters):
    d = [y - x for x, y in zip(a, b)]
    n, md = len(d), mean(d)
    sums = {}
    for di, c in zip(d, clusters):
        sums[c] = sums.get(c, 0.0) + (di - md)
    k = len(sums)
    se = math.sqrt(k / (k - 1) * sum(v * v for v in sums.values())) / n
    tq = t_quantile_975(k - 1)
    return {"n": n, "clusters": k, "diff": md, "se": se, "df": k - 1, "t": md / se, "ci_low": md - tq * se,
            "ci_high": md + tq * se, "p": t_two_sided_p(md / se, k - 1), "mde": (1.96 + 0.84) * se}


def welch(a, b):
    na, nb = len(a), len(b)
    va, vb = sd(a) ** 2, sd(b) ** 2
    se = math.sqrt(va / na + vb / nb)
    df = (va / na + vb / nb) ** 2 / ((va / na) ** 2 / (na - 1) + (vb / nb) ** 2 / (nb - 1))
    diff = mean(b) - mean(a)
    tq = t_quantile_975(df)
    return {"diff": diff, "se": se, "df": df, "t": diff / se, "ci_low": diff - tq * se, "ci_high": diff + tq * se,
            "p": t_two_sided_p(diff / se, df)}


def holm(ps, alpha=0.05):
    m = len(ps)
    order = sorted(range(m), key=lambda i: (ps[i], i))
    reject = [False] * m
    for k, i in enumerate(order, start=1):
        if ps[i] <= alpha / (m - k + 1):
            reject[i] = True
        else:
            break
    adjusted = [0.0] * m
    running = 0.0
    for k, i in enumerate(order, start=1):
        running = max(running, min(1.0, (m - k + 1) * ps[i]))
        adjusted[i] = running
    return {"p": ps, "alpha": alpha, "adjusted": adjusted, "reject": reject}


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def index(self, n):
        return (self.next() * n) >> 64


def percentile(sorted_xs, p):
    rank = p / 100.0 * (len(sorted_xs) - 1)
    lo, hi = math.floor(rank), math.ceil(rank)
    return sorted_xs[lo] + (sorted_xs[hi] - sorted_xs[lo]) * (rank - lo)


def bootstrap(d, clusters, b, seed):
    rng = SplitMix64(seed)
    means = []
    if clusters is None:
        n = len(d)
        for _ in range(b):
            total = 0.0
            for _ in range(n):
                total += d[rng.index(n)]
            means.append(total / n)
    else:
        members = {}
        for i, c in enumerate(clusters):
            members.setdefault(c, []).append(i)
        groups = list(members.values())  # dict keeps first-appearance order
        for _ in range(b):
            total, count = 0.0, 0
            for _ in range(len(groups)):
                for i in groups[rng.index(len(groups))]:
                    total += d[i]
                    count += 1
            means.append(total / count)
    means.sort()
    return {"b": b, "seed": seed, "clustered": clusters is not None,
            "ci_low": percentile(means, 2.5), "ci_high": percentile(means, 97.5)}


# ---------- self-checks against published values ----------
def self_check():
    # Closed forms independent of the incomplete beta: df = 2 has t_q = (2q - 1) / sqrt(2q(1 - q)); for odd df = 9
    # the CDF is 1/2 + (theta + sin(theta)(cos + 2/3 cos^3 + 8/15 cos^5 + 16/35 cos^7)) / pi, theta = atan(t / 3).
    assert abs(t_quantile_975(2) - 0.95 / math.sqrt(2 * 0.975 * 0.025)) < 1e-13
    t9 = t_quantile_975(9)
    th = math.atan(t9 / 3.0)
    cos, sin = math.cos(th), math.sin(th)
    assert abs(0.5 + (th + sin * (cos + 2 / 3 * cos ** 3 + 8 / 15 * cos ** 5 + 16 / 35 * cos ** 7)) / math.pi - 0.975) < 1e-14
    assert abs(t_quantile_975(30) - 2.042272456301238) < 1e-12  # R: qt(0.975, 30)
    # SplitMix64 reference outputs for seed 1234567 (Vigna's splitmix64.c, also used by rand_xoshiro tests).
    rng = SplitMix64(1234567)
    assert [rng.next() for _ in range(5)] == [6457827717110365317, 3203168211198807973, 9817491932198370423,
                                              4593380528125082431, 16408922859458223821]


# ---------- datasets ----------
def pass_fail(n, both_pass, b, c, seed):
    # b = A pass & B fail, c = A fail & B pass; the rest fail on both.
    pairs = [(1.0, 1.0)] * both_pass + [(1.0, 0.0)] * b + [(0.0, 1.0)] * c
    pairs += [(0.0, 0.0)] * (n - len(pairs))
    random.Random(seed).shuffle(pairs)
    return [p[0] for p in pairs], [p[1] for p in pairs]


def main():
    self_check()
    rnd = random.Random(20261123)
    cont_a = [round(rnd.random(), 6) for _ in range(40)]
    cont_b = [round(min(1.0, max(0.0, x + rnd.gauss(0.05, 0.12))), 6) for x in cont_a]
    clus = [f"c{i // 4}" for i in range(36)]
    base = {c: rnd.random() for c in sorted(set(clus))}
    clus_a = [round(min(1.0, max(0.0, base[c] + rnd.gauss(0, 0.1))), 6) for c in clus]
    clus_b = [round(min(1.0, max(0.0, x + 0.03 + rnd.gauss(0, 0.08) + (0.1 if c in ("c1", "c5") else 0))), 6)
              for x, c in zip(clus_a, clus)]
    welch_a = [round(rnd.gauss(0.55, 0.15), 6) for _ in range(25)]
    welch_b = [round(rnd.gauss(0.62, 0.25), 6) for _ in range(31)]
    pf_small = pass_fail(30, 12, 2, 9, 7)
    pf_large = pass_fail(200, 120, 10, 28, 8)

    datasets = {
        "pass_fail_small": {"a": pf_small[0], "b": pf_small[1]},
        "pass_fail_large": {"a": pf_large[0], "b": pf_large[1]},
        "continuous": {"a": cont_a, "b": cont_b},
        "clustered": {"a": clus_a, "b": clus_b, "clusters": clus},
    }
    out = {"generated_by": "make_reference.py (Python %s, stdlib only)" % sys.version.split()[0],
           "mcnemar": [mcnemar(b, c) for b, c in
                       [(0, 0), (2, 9), (5, 5), (0, 6), (7, 17), (7, 18), (10, 28), (15, 15), (40, 61), (0, 30)]],
           "datasets": datasets, "paired": {}, "bootstrap": {}}
    for name, ds in datasets.items():
        out["paired"][name] = paired(ds["a"], ds["b"])
    out["paired_clustered"] = paired_clustered(clus_a, clus_b, clus)
    for name in ("continuous", "clustered", "pass_fail_small"):
        ds = datasets[name]
        d = [y - x for x, y in zip(ds["a"], ds["b"])]
        out["bootstrap"][name] = bootstrap(d, ds.get("clusters"), 10000, 12345)
    out["bootstrap"]["clustered_as_iid"] = bootstrap(
        [y - x for x, y in zip(clus_a, clus_b)], None, 2000, 987654321987654321)
    out["welch"] = {"a": welch_a, "b": welch_b, **welch(welch_a, welch_b)}
    out["holm"] = [holm([0.01, 0.04, 0.03, 0.005]), holm([0.001, 0.2, 0.0125, 0.013, 0.04, 0.9]),
                   holm([0.02, 0.02, 0.02]), holm([0.3])]
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
