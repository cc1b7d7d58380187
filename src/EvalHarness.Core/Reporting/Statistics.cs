using MathNet.Numerics.Distributions;

namespace EvalHarness.Core.Reporting;

/// <summary>Interval estimates for a mean score (see shared notes/statistics.md).</summary>
public static class Statistics
{
    public readonly record struct Interval(double Mean, double Low, double High, string Method);

    /// <summary>
    /// 95% CI of the mean. Values sharing clusters (IFEval instructions of one prompt, NIAH samples of one cell) use a
    /// clustered standard error with a t quantile on C - 1 degrees of freedom; otherwise pass/fail data uses Wilson,
    /// which stays sensible at 0% and 100%, and continuous scores use the t interval.
    /// </summary>
    public static Interval MeanCi95(IReadOnlyList<double> scores, IReadOnlyList<string?>? clusters = null)
    {
        var n = scores.Count;
        if (n == 0) return new Interval(double.NaN, double.NaN, double.NaN, "");
        var mean = scores.Average();
        var clusterCount = clusters?.Where(c => c is not null).Distinct(StringComparer.Ordinal).Count() ?? 0;
        var clustered = clusters is not null && clusterCount > 1 && clusterCount < n && clusters.All(c => c is not null);
        // Clustering first: values that share a prompt or haystack are not independent, and Wilson would be too narrow.
        if (!clustered && scores.All(s => s is 0.0 or 1.0))
        {
            var (low, high) = Wilson(mean, n, 1.959963984540054);
            return new Interval(mean, low, high, "wilson");
        }
        if (n == 1) return new Interval(mean, double.NaN, double.NaN, "t");
        double se;
        string method;
        int df;
        if (clustered)
        {
            se = ClusteredStandardError(scores, clusters!, mean);
            if (se == 0 && scores.All(s => s is 0.0 or 1.0))
            {
                // All equal (e.g. 100%): a zero-width interval would overclaim; Wilson over clusters stays honest.
                var (low, high) = Wilson(mean, clusterCount, 1.959963984540054);
                return new Interval(mean, low, high, "wilson_clusters");
            }
            method = "clustered_t";
            df = clusterCount - 1;
        }
        else
        {
            se = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / (n * (double)(n - 1)));
            method = "t";
            df = n - 1;
        }
        var t = StudentT.InvCDF(0, 1, df, 0.975);
        // Scores live in [0, 1]; a symmetric interval past either end would claim impossible values.
        return new Interval(mean, Math.Max(0, mean - t * se), Math.Min(1, mean + t * se), method);
    }

    public static (double Low, double High) Wilson(double p, int n, double z)
    {
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>SE_cl = sqrt(C/(C-1) * sum_c (sum_{i in c}(s_i - mean))^2) / n.</summary>
    public static double ClusteredStandardError(IReadOnlyList<double> scores, IReadOnlyList<string> clusters, double mean)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < scores.Count; i++)
        {
            sums[clusters[i]] = sums.GetValueOrDefault(clusters[i]) + (scores[i] - mean);
        }
        var c = sums.Count;
        var total = sums.Values.Sum(v => v * v);
        return Math.Sqrt(c / (c - 1.0) * total) / scores.Count;
    }

    /// <summary>Percentile with linear interpolation between closest ranks (numpy's default).</summary>
    public static double? Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        var rank = p / 100.0 * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
