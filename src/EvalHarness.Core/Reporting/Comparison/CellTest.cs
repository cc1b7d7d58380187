namespace EvalHarness.Core.Reporting.Comparison;

/// <summary>The test result of one cell before the Holm correction.</summary>
internal sealed record CellResult(
    int NPaired, double MeanA, double MeanB, double Diff, double Low, double High, double PValue, double Mde,
    double Correlation, string Method, BootstrapResult? Bootstrap, IReadOnlyList<string> Warnings);

/// <summary>
/// Chooses and runs the test for one cell: McNemar when every paired score is 0 or 1 and the pairs are independent,
/// else paired t (clustered SE when clusters are given) with a seeded paired bootstrap (resampling whole clusters) as
/// a check; Welch (with a warning) when fewer than two samples pair up. McNemar assumes independent pairs, so
/// clustered pass/fail data (IFEval instructions within a prompt) takes the clustered t route instead.
/// </summary>
internal static class CellTest
{
    public static CellResult Run(
        IReadOnlyList<double> pairedA, IReadOnlyList<double> pairedB, IReadOnlyList<string>? clusters,
        IReadOnlyList<double> allA, IReadOnlyList<double> allB, ComparisonOptions options)
    {
        var warnings = new List<string>();
        var n = pairedA.Count;
        if (n < 2 && (allA.Count < 2 || allB.Count < 2))
        {
            warnings.Add($"too few scored samples for a test ({allA.Count} vs {allB.Count})");
            var meanA = allA.Count == 0 ? double.NaN : allA.Average();
            var meanB = allB.Count == 0 ? double.NaN : allB.Average();
            return new CellResult(0, meanA, meanB, meanB - meanA, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, "none", null, warnings);
        }
        if (n < 2)
        {
            var w = PairedStatistics.Welch(allA, allB);
            warnings.Add(n == 0
                ? "unpaired: the sample sets do not overlap; Welch's t on independent samples (wider, less reliable)"
                : "unpaired: fewer than 2 shared samples; Welch's t on independent samples (wider, less reliable)");
            return new CellResult(0, w.MeanA, w.MeanB, w.Diff, w.Low, w.High, w.PValue, double.NaN, double.NaN, "welch", null, warnings);
        }
        var unpaired = Math.Max(0, allA.Count - n) + Math.Max(0, allB.Count - n);
        if (unpaired > 0) warnings.Add($"{unpaired} scored sample(s) left out: no scored partner on the other side (errored or missing)");

        var t = PairedStatistics.PairedT(pairedA, pairedB, clusters);
        if (t.Clusters == 0) clusters = null; // one cluster per sample (or a single cluster) carries no grouping
        if (clusters is null && pairedA.All(IsBinary) && pairedB.All(IsBinary))
        {
            var m = PairedStatistics.McNemar(pairedA, pairedB);
            return new CellResult(n, t.MeanA, t.MeanB, t.Diff, t.Low, t.High, m.PValue, t.Mde, t.Correlation, m.Method, null, warnings);
        }
        var d = PairedStatistics.Differences(pairedA, pairedB);
        var boot = PairedBootstrap.Run(d, clusters, options.BootstrapReplicates, options.Seed);
        return new CellResult(n, t.MeanA, t.MeanB, t.Diff, t.Low, t.High, t.PValue, t.Mde, t.Correlation,
            boot.Clustered ? "clustered_t+cluster_bootstrap" : "paired_t+bootstrap", boot, warnings);
    }

    private static bool IsBinary(double x) => x is 0.0 or 1.0;
}
