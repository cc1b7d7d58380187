using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace EvalHarness.Core.Reporting.Comparison;

/// <summary>McNemar's test on the discordant pairs: b = A pass &amp; B fail, c = A fail &amp; B pass.</summary>
internal sealed record McNemarResult(int B, int C, double? Statistic, double PValue, string Method);

/// <summary>
/// Paired t on d = b − a, with the MDE and the correlation of the two score vectors. When <see cref="Clusters"/> &gt; 0
/// the SE is the clustered SE of d with C − 1 degrees of freedom and MDE = (1.96 + 0.84)·SE_cl.
/// </summary>
internal sealed record PairedTResult(
    int N, double MeanA, double MeanB, double Diff, double SdDiff, double Se, int Df, double T,
    double Low, double High, double PValue, double Mde, double Correlation, int Clusters = 0);

/// <summary>Welch's unpaired t for B − A (fallback when the sample sets do not overlap).</summary>
internal sealed record WelchResult(int NA, int NB, double MeanA, double MeanB, double Diff, double Se, double Df, double T, double Low, double High, double PValue);

/// <summary>Two-sample tests for comparing runs (shared/notes/statistics.md, "Two runs on the same samples").</summary>
internal static class PairedStatistics
{
    public const double Alpha = 0.05;

    /// <summary>Below this many discordant pairs the exact binomial test is used, else chi-square with continuity correction.</summary>
    public const int ExactThreshold = 25;

    public static McNemarResult McNemar(int b, int c)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        var n = b + c;
        if (n == 0) return new McNemarResult(b, c, null, 1.0, "mcnemar_exact");
        if (n < ExactThreshold)
        {
            // Exact in integers (n < 25 keeps 2^n and the binomial sums well inside long).
            long tail = 0, binom = 1;
            for (var k = 0; k <= Math.Min(b, c); k++)
            {
                tail += binom;
                binom = binom * (n - k) / (k + 1);
            }
            var p = Math.Min(1.0, 2.0 * tail / (1L << n));
            return new McNemarResult(b, c, null, p, "mcnemar_exact");
        }
        // max(0, ...) so that b == c gives chi2 = 0 (p = 1) rather than a corrected value of 1.
        var corrected = Math.Max(0, Math.Abs(b - c) - 1);
        var chi2 = corrected * (double)corrected / n;
        return new McNemarResult(b, c, chi2, SpecialFunctions.Erfc(Math.Sqrt(chi2 / 2)), "mcnemar_chi2");
    }

    /// <summary>McNemar from paired pass/fail vectors (values 0 or 1).</summary>
    public static McNemarResult McNemar(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        CheckPaired(a, b);
        int onlyA = 0, onlyB = 0;
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] == 1 && b[i] == 0) onlyA++;
            else if (a[i] == 0 && b[i] == 1) onlyB++;
        }
        return McNemar(onlyA, onlyB);
    }

    /// <param name="clusters">Optional cluster id per pair (samples sharing a haystack or a prompt). Used when there
    /// are at least 2 clusters and fewer clusters than pairs; ignoring clusters makes the interval too narrow.</param>
    public static PairedTResult PairedT(IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<string>? clusters = null)
    {
        CheckPaired(a, b);
        var n = a.Count;
        var d = Differences(a, b);
        var meanA = Mean(a);
        var meanB = Mean(b);
        var diff = Mean(d);
        if (n < 2) return new PairedTResult(n, meanA, meanB, diff, double.NaN, double.NaN, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var sd = StandardDeviation(d, diff);
        var corr = Pearson(a, b);
        var clusterCount = clusters is null ? 0 : clusters.Distinct(StringComparer.Ordinal).Count();
        double se, mde;
        int df;
        if (clusters is not null && clusterCount > 1 && clusterCount < n)
        {
            if (clusters.Count != n) throw new ArgumentException("one cluster id per pair is required", nameof(clusters));
            se = Statistics.ClusteredStandardError(d, clusters, diff);
            df = clusterCount - 1;
            mde = (1.96 + 0.84) * se;
        }
        else
        {
            clusterCount = 0;
            se = sd / Math.Sqrt(n);
            df = n - 1;
            mde = Mde(sd, n);
        }
        if (se == 0)
        {
            // Every pair differs by the same amount: no sampling noise to test against.
            return new PairedTResult(n, meanA, meanB, diff, sd, 0, df, double.NaN, diff, diff, diff == 0 ? 1 : 0, 0, corr, clusterCount);
        }
        var t = diff / se;
        var q = TQuantile975(df);
        return new PairedTResult(n, meanA, meanB, diff, sd, se, df, t, diff - q * se, diff + q * se, TwoSidedP(t, df), mde, corr, clusterCount);
    }

    public static WelchResult Welch(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var (na, nb) = (a.Count, b.Count);
        var meanA = na == 0 ? double.NaN : Mean(a);
        var meanB = nb == 0 ? double.NaN : Mean(b);
        var diff = meanB - meanA;
        if (na < 2 || nb < 2) return new WelchResult(na, nb, meanA, meanB, diff, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var va = Math.Pow(StandardDeviation(a, meanA), 2) / na;
        var vb = Math.Pow(StandardDeviation(b, meanB), 2) / nb;
        var se = Math.Sqrt(va + vb);
        if (se == 0) return new WelchResult(na, nb, meanA, meanB, diff, 0, double.NaN, double.NaN, diff, diff, diff == 0 ? 1 : 0);
        var df = (va + vb) * (va + vb) / (va * va / (na - 1) + vb * vb / (nb - 1));
        var t = diff / se;
        var q = TQuantile975(df);
        return new WelchResult(na, nb, meanA, meanB, diff, se, df, t, diff - q * se, diff + q * se, TwoSidedP(t, df));
    }

    /// <summary>Minimum detectable difference at 80% power, two-sided α = 0.05: (1.96 + 0.84)·sd(d)/√n.</summary>
    public static double Mde(double sdDiff, int n) => (1.96 + 0.84) * sdDiff / Math.Sqrt(n);

    /// <summary>Pearson correlation; NaN when either vector is constant.</summary>
    public static double Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        CheckPaired(a, b);
        var (ma, mb) = (Mean(a), Mean(b));
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < a.Count; i++)
        {
            sxy += (a[i] - ma) * (b[i] - mb);
            sxx += (a[i] - ma) * (a[i] - ma);
            syy += (b[i] - mb) * (b[i] - mb);
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>
    /// Holm's step-down correction. Adjusted p_(k) = max_{j≤k} min(1, (m − j + 1)·p_(j)); a hypothesis is rejected
    /// when its adjusted p ≤ α, which is the same as rejecting p_(k) while p_(k) ≤ α/(m − k + 1). NaN p-values
    /// (cells without a test) are left out of m and stay NaN / not rejected.
    /// </summary>
    public static IReadOnlyList<(double Adjusted, bool Reject)> Holm(IReadOnlyList<double> pValues, double alpha = Alpha)
    {
        var order = Enumerable.Range(0, pValues.Count).Where(i => !double.IsNaN(pValues[i]))
            .OrderBy(i => pValues[i]).ThenBy(i => i).ToArray();
        var m = order.Length;
        var result = Enumerable.Repeat((double.NaN, false), pValues.Count).ToArray();
        var running = 0.0;
        for (var k = 0; k < m; k++)
        {
            running = Math.Max(running, Math.Min(1.0, (m - k) * pValues[order[k]]));
            result[order[k]] = (running, running <= alpha);
        }
        return result;
    }

    /// <summary>Two-sided p of a t statistic: I_{df/(df+t²)}(df/2, 1/2), accurate in the far tail (no 1 − CDF).</summary>
    public static double TwoSidedP(double t, double df) => SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + t * t));

    public static double TQuantile975(double df) => StudentT.InvCDF(0, 1, df, 0.975);

    internal static double[] Differences(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var d = new double[a.Count];
        for (var i = 0; i < d.Length; i++) d[i] = b[i] - a[i];
        return d;
    }

    private static double Mean(IReadOnlyList<double> x)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Count; i++) sum += x[i];
        return sum / x.Count;
    }

    private static double StandardDeviation(IReadOnlyList<double> x, double mean)
    {
        var ss = 0.0;
        for (var i = 0; i < x.Count; i++) ss += (x[i] - mean) * (x[i] - mean);
        return Math.Sqrt(ss / (x.Count - 1));
    }

    private static void CheckPaired(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException($"paired vectors differ in length ({a.Count} vs {b.Count})");
    }
}
