using EvalHarness.Core.Reporting.Html;

namespace EvalHarness.Core.Tests.Reporting.Html;

public sealed class ReportTablesTests
{
    [Fact]
    public void KeysSortByTheirFirstNumberThenOrdinally()
    {
        string[] keys = ["n=16", "n=2", "n=8", "all", "bin=131072-262144", "bin=65536-131072", "split=>128k", "split=<128k"];
        var sorted = keys.Order(ReportTables.KeyComparer.Instance).ToArray();
        Assert.Equal(["n=2", "n=8", "n=16", "split=<128k", "split=>128k", "bin=65536-131072", "bin=131072-262144", "all"], sorted);
    }

    [Fact]
    public void TheRampRunsRedYellowGreenAndGreysOutMissingValues()
    {
        Assert.Equal("#f8696b", EvalHarness.Core.Reporting.Html.Html.Ramp(0));
        Assert.Equal("#ffeb84", EvalHarness.Core.Reporting.Html.Html.Ramp(0.5));
        Assert.Equal("#63be7b", EvalHarness.Core.Reporting.Html.Html.Ramp(1));
        Assert.Equal("#63be7b", EvalHarness.Core.Reporting.Html.Html.Ramp(7)); // clamped
        Assert.Equal("#e0e0e0", EvalHarness.Core.Reporting.Html.Html.Ramp(null));
        Assert.Equal("#e0e0e0", EvalHarness.Core.Reporting.Html.Html.Ramp(double.NaN));
    }
}
