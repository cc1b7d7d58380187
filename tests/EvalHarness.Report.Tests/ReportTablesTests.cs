namespace EvalHarness.Report.Tests;

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
        Assert.Equal("#f8696b", Html.Ramp(0));
        Assert.Equal("#ffeb84", Html.Ramp(0.5));
        Assert.Equal("#63be7b", Html.Ramp(1));
        Assert.Equal("#63be7b", Html.Ramp(7)); // clamped
        Assert.Equal("#e0e0e0", Html.Ramp(null));
        Assert.Equal("#e0e0e0", Html.Ramp(double.NaN));
    }

    [Fact]
    public void ModelColoursComeFromTheSortedModelListAndStayDistinctPastThePalette()
    {
        var colors = new ModelColors(["zeta", "alpha", "mid", "alpha"]);
        Assert.Equal([ModelColors.At(0), ModelColors.At(1), ModelColors.At(2)], new[] { "alpha", "mid", "zeta" }.Select(colors.Of));
        var many = Enumerable.Range(0, 40).Select(ModelColors.At).ToList();
        Assert.Equal(40, many.Distinct(StringComparer.Ordinal).Count());
        Assert.All(many, c => Assert.Matches("^#[0-9a-f]{6}$", c));
    }

    [Fact]
    public void AxisTicksAreCompact() =>
        Assert.Equal(["0.25", "8k", "1M", "2k", "128k", "1500", "12.3k"], new[] { 0.25, 8192, 1_048_576, 2000, 128_000, 1500, 12_345 }.Select(SvgChart.Tick));
}
