namespace EvalHarness.Core.Reporting.Comparison;

/// <summary>Percentile CI of the mean paired difference, with the replicate count and seed that reproduce it.</summary>
public sealed record BootstrapResult(double Low, double High, int Replicates, ulong Seed, bool Clustered)
{
    /// <summary>True when the 95% interval lies entirely on one side of zero.</summary>
    public bool ExcludesZero => Low > 0 || High < 0;
}

/// <summary>
/// Seeded paired bootstrap: resample sample indices (or whole clusters) with replacement, B times, and take the
/// 2.5th and 97.5th percentiles of the replicate means. The resampling order is specified exactly (SplitMix64,
/// multiply-shift indices, left-to-right sums) so make_reference.py reproduces it bit for bit.
/// </summary>
public static class PairedBootstrap
{
    public const int DefaultReplicates = 10_000;
    public const ulong DefaultSeed = 20_261_123;

    /// <param name="differences">d_i = b_i − a_i.</param>
    /// <param name="clusters">Optional cluster id per difference; when given, whole clusters are resampled and a
    /// replicate's mean is its summed differences over the number of samples drawn.</param>
    /// <param name="level">Confidence level of the percentile interval (0.95: the 2.5th and 97.5th percentiles).</param>
    public static BootstrapResult Run(IReadOnlyList<double> differences, IReadOnlyList<string>? clusters = null, int replicates = DefaultReplicates, ulong seed = DefaultSeed, double level = 0.95)
    {
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), level, "must be in (0, 1)");
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        var n = differences.Count;
        if (n == 0) return new BootstrapResult(double.NaN, double.NaN, replicates, seed, clusters is not null);
        if (clusters is not null && clusters.Count != n) throw new ArgumentException("one cluster id per difference is required", nameof(clusters));
        var rng = new SplitMix64(seed);
        var means = new double[replicates];
        if (clusters is null)
        {
            for (var r = 0; r < replicates; r++)
            {
                var total = 0.0;
                for (var k = 0; k < n; k++) total += differences[rng.NextIndex(n)];
                means[r] = total / n;
            }
        }
        else
        {
            var groups = GroupsInFirstSeenOrder(clusters);
            for (var r = 0; r < replicates; r++)
            {
                var total = 0.0;
                var count = 0;
                for (var k = 0; k < groups.Count; k++)
                {
                    foreach (var i in groups[rng.NextIndex(groups.Count)])
                    {
                        total += differences[i];
                        count++;
                    }
                }
                means[r] = total / count;
            }
        }
        Array.Sort(means);
        var tail = (100 - 100 * level) / 2; // exactly 2.5 at 0.95
        return new BootstrapResult(Statistics.Percentile(means, tail)!.Value, Statistics.Percentile(means, 100 - tail)!.Value, replicates, seed, clusters is not null);
    }

    private static List<List<int>> GroupsInFirstSeenOrder(IReadOnlyList<string> clusters)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new List<List<int>>();
        for (var i = 0; i < clusters.Count; i++)
        {
            if (!index.TryGetValue(clusters[i], out var g))
            {
                g = groups.Count;
                index[clusters[i]] = g;
                groups.Add([]);
            }
            groups[g].Add(i);
        }
        return groups;
    }
}
