using System.Text;
using System.Text.RegularExpressions;

namespace EvalHarness.Report.Tests;

public sealed partial class SvgChartTests
{
    [GeneratedRegex("<g class=\"series\" data-model=\"(?<m>[^\"]+)\"[^>]*>\\n<polyline[^>]* points=\"(?<p>[^\"]+)\"")]
    private static partial Regex SeriesLine();

    private static string Draw(bool connect, params string[] models)
    {
        var points = new[] { new SvgPoint(2000, 1, 0.8, 1, "t"), new SvgPoint(8000, 1, 0.8, 1, "t") };
        var series = models.Select(m => new SvgSeries(m, m, 0, points)).ToList();
        var sb = new StringBuilder();
        SvgChart.Draw(sb, "c", "title", "x", "y", series, new ModelColors(models), XScale.Log, 0, 1, connect);
        return sb.ToString();
    }

    [Fact]
    public void LinesOfEqualScoresAreDodgedSoEachModelStaysVisible()
    {
        var lines = SeriesLine().Matches(Draw(connect: true, "a", "b", "c")).ToDictionary(m => m.Groups["m"].Value, m => m.Groups["p"].Value);

        Assert.Equal(3, lines.Values.Distinct().Count());
        // Symmetric around the true x: the middle series sits where a lone series would.
        var alone = SeriesLine().Match(Draw(connect: true, "b")).Groups["p"].Value;
        Assert.Equal(alone, lines["b"]);
    }

    [Fact]
    public void AScatterIsNotDodged()
    {
        var html = Draw(connect: false, "a", "b");

        var xs = Regex.Matches(html, "<circle class=\"point\" fill=\"[^\"]+\" cx=\"(?<x>[0-9.]+)\" cy=\"[0-9.]+\" r=\"4\"><title>").Select(m => m.Groups["x"].Value).ToList();
        Assert.Equal(4, xs.Count);
        Assert.Equal(2, xs.Distinct().Count());
    }
}
