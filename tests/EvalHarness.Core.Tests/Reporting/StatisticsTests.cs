using EvalHarness.Core.Reporting;

namespace EvalHarness.Core.Tests.Reporting;

public sealed class StatisticsTests
{
    // Reference values computed by hand with the closed forms in shared/notes/statistics.md (z = 1.959963984540054)
    // and evaluated independently in plain Python.
    [Fact]
    public void WilsonIntervalMatchesClosedForm()
    {
        var (low, high) = Statistics.Wilson(1.0, 9, 1.959963984540054);
        Assert.Equal(0.7008549515804559, low, 12);
        Assert.Equal(1.0, high, 9);
        var (l2, h2) = Statistics.Wilson(0.5, 10, 1.959963984540054);
        Assert.Equal(0.236593090512564, l2, 12);
        Assert.Equal(0.7634069094874361, h2, 12);
    }

    [Fact]
    public void ContinuousScoresUseTheTInterval()
    {
        // mean 0.5, sd = sqrt(((0.2)^2*2 + 0 + ...)...) computed independently: scores 0.3, 0.5, 0.7 -> s = 0.2, SE = 0.11547
        var ci = Statistics.MeanCi95([0.3, 0.5, 0.7]);
        Assert.Equal("t", ci.Method);
        Assert.Equal(0.5, ci.Mean, 12);
        // t(0.975, 2) = 4.302652729749464 (closed form 0.95 / sqrt(2 * 0.975 * 0.025)); half-width = 4.302652729749464 * 0.2 / sqrt(3)
        Assert.Equal(0.5 - 4.302652729749464 * 0.2 / Math.Sqrt(3), ci.Low, 9);
        Assert.Equal(0.5 + 4.302652729749464 * 0.2 / Math.Sqrt(3), ci.High, 9);
    }

    [Fact]
    public void ClusteredStandardErrorFollowsTheFormula()
    {
        // clusters a: 0.2, 0.4 ; b: 0.9, 0.7 ; mean 0.55 ; sums: -0.5, 0.5 ; SE = sqrt(2/1 * 0.5) / 4 = 0.25
        Assert.Equal(0.25, Statistics.ClusteredStandardError([0.2, 0.4, 0.9, 0.7], ["a", "a", "b", "b"], 0.55), 12);
    }

    [Fact]
    public void PercentileInterpolatesLikeNumpy()
    {
        // numpy.percentile([1, 2, 3, 4], 95) == 3.85 ; median of [5, 1, 3] == 3
        Assert.Equal(3.85, Statistics.Percentile([4, 1, 3, 2], 95)!.Value, 12);
        Assert.Equal(3, Statistics.Percentile([5, 1, 3], 50)!.Value, 12);
        Assert.Null(Statistics.Percentile([], 50));
    }

    [Fact]
    public void IntervalsAreClippedToTheScoreRange()
    {
        // mean 0.95 with n = 3: the raw t interval reaches past 1.
        var ci = Statistics.MeanCi95([0.9, 1.0, 0.95]);
        Assert.True(0.95 + 4.302652729749464 * 0.05 / Math.Sqrt(3) > 1);
        Assert.Equal(1.0, ci.High);
        Assert.True(ci.Low < 0.95);
    }
}
