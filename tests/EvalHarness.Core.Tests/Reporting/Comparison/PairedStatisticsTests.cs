using EvalHarness.Core.Reporting.Comparison;
using static EvalHarness.Core.Tests.Reporting.Comparison.ReferenceData;

namespace EvalHarness.Core.Tests.Reporting.Comparison;

/// <summary>Every expected value comes from reference_stats.json (make_reference.py, stdlib Python).</summary>
public sealed class PairedStatisticsTests
{
    private const double Tol = 1e-9;

    public static TheoryData<string> PairedDatasets => ["pass_fail_small", "pass_fail_large", "continuous", "clustered"];

    [Fact]
    public void McNemarMatchesExactBinomialAndChiSquareReference()
    {
        foreach (var c in Json["mcnemar"]!.AsArray())
        {
            var result = PairedStatistics.McNemar(c!["b"]!.GetValue<int>(), c["c"]!.GetValue<int>());
            Assert.Equal(c["method"]!.GetValue<string>(), result.Method);
            Assert.Equal(D(c, "p"), result.PValue, Tol);
            if (c["statistic"] is { } stat) Assert.Equal(stat.GetValue<double>(), result.Statistic!.Value, Tol);
        }
    }

    [Fact]
    public void McNemarCountsDiscordantPairsFromVectors()
    {
        // pass_fail_small was built with b = 2 (A pass, B fail) and c = 9 (A fail, B pass).
        var ds = Json["datasets"]!["pass_fail_small"]!;
        var result = PairedStatistics.McNemar(Doubles(ds["a"]), Doubles(ds["b"]));
        Assert.Equal((2, 9), (result.B, result.C));
        Assert.Equal(134.0 / 2048.0, result.PValue, 15); // 2·(C(11,0)+C(11,1)+C(11,2))/2^11, by hand
    }

    [Theory]
    [MemberData(nameof(PairedDatasets))]
    public void PairedTMatchesReference(string name)
    {
        var ds = Json["datasets"]![name]!;
        var expected = Json["paired"]![name]!;
        var r = PairedStatistics.PairedT(Doubles(ds["a"]), Doubles(ds["b"]));
        Assert.Equal(expected["n"]!.GetValue<int>(), r.N);
        Assert.Equal(D(expected, "mean_a"), r.MeanA, Tol);
        Assert.Equal(D(expected, "mean_b"), r.MeanB, Tol);
        Assert.Equal(D(expected, "diff"), r.Diff, Tol);
        Assert.Equal(D(expected, "sd_diff"), r.SdDiff, Tol);
        Assert.Equal(D(expected, "se"), r.Se, Tol);
        Assert.Equal(D(expected, "t"), r.T, Tol);
        Assert.Equal(D(expected, "t_quantile"), PairedStatistics.TQuantile975(r.Df), Tol);
        Assert.Equal(D(expected, "ci_low"), r.Low, Tol);
        Assert.Equal(D(expected, "ci_high"), r.High, Tol);
        Assert.Equal(D(expected, "p"), r.PValue, Tol);
        Assert.Equal(D(expected, "mde"), r.Mde, Tol);
        Assert.Equal(D(expected, "correlation"), r.Correlation, Tol);
    }

    [Fact]
    public void ClusteredPairedTMatchesReference()
    {
        var ds = Json["datasets"]!["clustered"]!;
        var expected = Json["paired_clustered"]!;
        var r = PairedStatistics.PairedT(Doubles(ds["a"]), Doubles(ds["b"]), Strings(ds["clusters"]));
        Assert.Equal(expected["clusters"]!.GetValue<int>(), r.Clusters);
        Assert.Equal(expected["df"]!.GetValue<int>(), r.Df);
        Assert.Equal(D(expected, "diff"), r.Diff, Tol);
        Assert.Equal(D(expected, "se"), r.Se, Tol);
        Assert.Equal(D(expected, "t"), r.T, Tol);
        Assert.Equal(D(expected, "ci_low"), r.Low, Tol);
        Assert.Equal(D(expected, "ci_high"), r.High, Tol);
        Assert.Equal(D(expected, "p"), r.PValue, Tol);
        Assert.Equal(D(expected, "mde"), r.Mde, Tol);
    }

    [Fact]
    public void OneClusterPerPairIsTheUnclusteredTest()
    {
        var ds = Json["datasets"]!["continuous"]!;
        var a = Doubles(ds["a"]);
        var r = PairedStatistics.PairedT(a, Doubles(ds["b"]), a.Select((_, i) => $"c{i}").ToArray());
        Assert.Equal(0, r.Clusters);
        Assert.Equal(D(Json["paired"]!["continuous"], "ci_low"), r.Low, Tol);
    }

    [Fact]
    public void WelchMatchesReference()
    {
        var w = Json["welch"]!;
        var r = PairedStatistics.Welch(Doubles(w["a"]), Doubles(w["b"]));
        Assert.Equal(D(w, "diff"), r.Diff, Tol);
        Assert.Equal(D(w, "se"), r.Se, Tol);
        Assert.Equal(D(w, "df"), r.Df, Tol);
        Assert.Equal(D(w, "t"), r.T, Tol);
        Assert.Equal(D(w, "ci_low"), r.Low, Tol);
        Assert.Equal(D(w, "ci_high"), r.High, Tol);
        Assert.Equal(D(w, "p"), r.PValue, Tol);
    }

    [Fact]
    public void HolmMatchesStepDownReference()
    {
        foreach (var c in Json["holm"]!.AsArray())
        {
            var expectedAdjusted = Doubles(c!["adjusted"]);
            var expectedReject = c["reject"]!.AsArray().Select(v => v!.GetValue<bool>()).ToArray();
            var result = PairedStatistics.Holm(Doubles(c["p"]), D(c, "alpha"));
            Assert.Equal(expectedReject, result.Select(x => x.Reject).ToArray());
            for (var i = 0; i < expectedAdjusted.Length; i++) Assert.Equal(expectedAdjusted[i], result[i].Adjusted, Tol);
        }
    }

    [Fact]
    public void HolmLeavesCellsWithoutATestOut()
    {
        // m = 2 (the NaN is not a test): 0.01·2 = 0.02 and max(0.02, 0.04·1) = 0.04, by hand.
        var result = PairedStatistics.Holm([0.04, double.NaN, 0.01]);
        Assert.Equal(0.04, result[0].Adjusted, 15);
        Assert.True(double.IsNaN(result[1].Adjusted));
        Assert.False(result[1].Reject);
        Assert.Equal(0.02, result[2].Adjusted, 15);
    }

    [Fact]
    public void IdenticalVectorsHaveNoDifference()
    {
        var r = PairedStatistics.PairedT([0.2, 0.5, 0.9], [0.2, 0.5, 0.9]);
        Assert.Equal(0, r.Diff);
        Assert.Equal(1, r.PValue);
        Assert.Equal((0.0, 0.0), (r.Low, r.High));
    }
}
