using EvalHarness.Report;

namespace EvalHarness.Cli.Tests;

/// <summary>The trend page of five simulated nights in headless Chromium (same skip rule as the report test).</summary>
public sealed partial class ReportBrowserTests
{
    // Reads the rendered DOM back: score points, drawn (non-empty box) score points, FAIL points and drift markers.
    private const string TrendProbe = """
        <script>
        const points = Array.from(document.querySelectorAll("circle.trend-point"));
        const drawn = points.filter(p => { const b = p.getBBox(); return b.width > 0 && b.height > 0; }).length;
        document.body.setAttribute("data-points", String(points.length));
        document.body.setAttribute("data-drawn-points", String(drawn));
        document.body.setAttribute("data-fail-points", String(document.querySelectorAll("circle.trend-point.verdict-fail").length));
        document.body.setAttribute("data-drift-markers", String(document.querySelectorAll("g.drift-marker").length));
        </script>
        """;

    [Fact]
    public async Task TheTrendPageOfFiveNightsRendersInChromiumWithOnePointPerNightAndNoConsoleErrors()
    {
        RequireChromium();
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var nights = await TrendProcessTests.FiveNightsAsync(work, ct);
        var page = Path.Combine(work, "trend.html");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, ["trend", .. nights, "--out", page]);
        Assert.True(exit == 0, $"trend: exit {exit}\n{stdout}\n{stderr}");

        var html = await File.ReadAllTextAsync(page, ct);
        var probe = html.Replace(RunReport.ContentSecurityPolicy, RunReport.ContentSecurityPolicy + "; script-src 'unsafe-inline'", StringComparison.Ordinal)
            .Replace("</body>", TrendProbe + "</body>", StringComparison.Ordinal);
        var probePath = Path.Combine(work, "trend-probe.html");
        await File.WriteAllTextAsync(probePath, probe, ct);

        var (dom, log) = await ChromiumAsync(ct, "--dump-dom", new Uri(probePath).AbsoluteUri);
        Assert.Empty(ConsoleMessages(log));
        Assert.Contains("data-points=\"10\"", dom, StringComparison.Ordinal); // 5 nights x (nightly, sim-oracle) x niah
        Assert.Contains("data-drawn-points=\"10\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-fail-points=\"1\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-drift-markers=\"2\"", dom, StringComparison.Ordinal);

        // The page as shipped (no probe): no console output either.
        var shot = Path.Combine(work, "trend-screenshot.png");
        (_, log) = await ChromiumAsync(ct, $"--screenshot={shot}", "--window-size=1400,2000", new Uri(page).AbsoluteUri);
        Assert.Empty(ConsoleMessages(log));
        Assert.True(new FileInfo(shot).Length > 10_000, "trend screenshot is too small to show the charts");
    }
}
