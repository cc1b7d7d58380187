using System.CommandLine;
using System.Diagnostics;
using System.Text.RegularExpressions;
using EvalHarness.Cli.Commands;
using EvalHarness.Report;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// A report of a real simulator run (every built-in eval), opened in headless Chromium: no console errors (the page's
/// CSP turns any attempted fetch into one), a section per eval, every heatmap cell in the rendered DOM, a drill-down
/// that opens to show a response, and one model drawn in the same colour in two different charts. Skips when
/// /usr/bin/chromium is absent, except on CI (CI=true), where the browser must be there.
/// Set EVALHARNESS_SCREENSHOT to a path to keep the screenshot (docs/report-screenshot.png is made that way).
/// </summary>
public sealed partial class ReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    // Reads the rendered DOM back: heatmap cells, eval sections, the drill-down before and after opening it, and the
    // computed colour of one model in a line chart, in the TTFT chart and of another model.
    private const string Probe = """
        <script>
        const set = (k, v) => document.body.setAttribute("data-" + k, String(v));
        set("heatmap-cells", document.querySelectorAll(".heatmap-cell").length);
        set("sections", Array.from(document.querySelectorAll("section.eval-section")).map(s => s.dataset.eval).join(","));
        set("empty-sections", Array.from(document.querySelectorAll("section.eval-section")).filter(s => s.querySelector("svg.chart, table.heatmap, table.group-table") === null).length);
        set("images", document.images.length);
        const drill = document.querySelector("section#eval-mrcr details.drill-down");
        const cell = drill.querySelector("td.response");
        set("response-hidden", !cell.checkVisibility());
        drill.open = true;
        set("response-shown", cell.checkVisibility() && cell.offsetHeight > 0 && cell.innerText.trim().length > 0);
        set("response-text", cell.innerText.trim().slice(0, 40));
        const colour = (sel, prop) => { const e = document.querySelector(sel); return e === null ? "missing" : getComputedStyle(e)[prop]; };
        set("colour-line", colour("section#eval-mrcr svg.line-chart g.series[data-model='sim-oracle'] polyline", "stroke"));
        set("colour-ttft", colour("svg.ttft-chart g.series[data-model='sim-oracle'] .point", "fill"));
        set("colour-legend", colour("section#eval-graphwalks svg.line-chart g.legend-item[data-model='sim-oracle'] line", "stroke"));
        set("colour-other", colour("svg.ttft-chart g.series[data-model='sim-noisy'] .point", "fill"));
        </script>
        """;

    [GeneratedRegex("INFO:CONSOLE[^\\]]*\\] (?<message>.*)")]
    private static partial Regex ConsoleLine();

    [GeneratedRegex("data-(?<key>[a-z-]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Attribute();

    [Fact]
    public async Task ARealReportRendersInChromiumWithEverySectionADrillDownAndOneColourPerModel()
    {
        RequireChromium();
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var run = Path.Combine(work, "run");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct,
            "run", "--plain", "--evals", "niah,mrcr,graphwalks,ifeval", "--models", "sim-oracle,sim-window-8k,sim-noisy", "--out", run);
        Assert.True(exit == 0, $"run: exit {exit}\n{stdout}\n{stderr}");

        var report = Path.Combine(run, RunReport.FileName);
        Assert.Equal(ExitCodes.Success, await ReportAsync([run, "--out", report]));
        Assert.Empty(Directory.GetFiles(run, "chart_*")); // charts are inline SVG now

        // Expected cells from an independent source: the run's own heatmap CSVs (depth rows x length columns).
        var expected = Directory.GetFiles(run, "heatmap_niah_*.csv").Sum(f =>
        {
            var lines = File.ReadAllLines(f).Where(l => l.Length > 0).ToList();
            return (lines.Count - 1) * (lines[0].Split(',').Length - 1);
        });
        Assert.Equal(27, expected); // 3 models x 3 depths x 3 lengths in the default NIAH options

        // The probe copy: same page, CSP relaxed only to let the inline probe run (fetches stay forbidden).
        var html = await File.ReadAllTextAsync(report, ct);
        var probe = html.Replace(RunReport.ContentSecurityPolicy, RunReport.ContentSecurityPolicy + "; script-src 'unsafe-inline'", StringComparison.Ordinal)
            .Replace("</body>", Probe + "</body>", StringComparison.Ordinal);
        var probePath = Path.Combine(run, "probe.html");
        await File.WriteAllTextAsync(probePath, probe, ct);

        var (dom, log) = await ChromiumAsync(ct, "--dump-dom", new Uri(probePath).AbsoluteUri);
        Assert.Empty(ConsoleMessages(log));
        var body = Regex.Match(dom, "<body[^>]*>").Value;
        var seen = Attribute().Matches(body).ToDictionary(m => m.Groups["key"].Value, m => System.Net.WebUtility.HtmlDecode(m.Groups["value"].Value));
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), seen["heatmap-cells"]);
        Assert.Equal("graphwalks,ifeval,mrcr,niah", seen["sections"]);
        Assert.Equal("0", seen["empty-sections"]);
        Assert.Equal("0", seen["images"]);
        Assert.Equal(("true", "true"), (seen["response-hidden"], seen["response-shown"]));
        Assert.NotEqual("", seen["response-text"]);
        Assert.StartsWith("rgb(", seen["colour-line"], StringComparison.Ordinal);
        Assert.Equal(seen["colour-line"], seen["colour-ttft"]);
        Assert.Equal(seen["colour-line"], seen["colour-legend"]);
        Assert.StartsWith("rgb(", seen["colour-other"], StringComparison.Ordinal);
        Assert.NotEqual(seen["colour-line"], seen["colour-other"]);

        // The page as shipped (no probe): no console output either, and a screenshot.
        var shot = Path.Combine(work, "report-screenshot.png");
        (_, log) = await ChromiumAsync(ct, $"--screenshot={shot}", "--window-size=1400,2000", new Uri(report).AbsoluteUri);
        Assert.Empty(ConsoleMessages(log));
        var png = await File.ReadAllBytesAsync(shot, ct);
        Assert.True(png.Length > 10_000, $"screenshot is {png.Length} bytes");
        if (Environment.GetEnvironmentVariable("EVALHARNESS_SCREENSHOT") is { Length: > 0 } keep) File.Copy(shot, keep, overwrite: true);
    }

    [Fact]
    public async Task TheConsoleCheckSeesAConsoleErrorAndABlockedFetch()
    {
        // The positive control for the check above: it would notice a console error and a resource the CSP blocks.
        RequireChromium();
        var ct = TestContext.Current.CancellationToken;
        var page = Path.Combine(CliProcess.NewTempDirectory(), "bad.html");
        await File.WriteAllTextAsync(page,
            $"<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"{RunReport.ContentSecurityPolicy}; script-src 'unsafe-inline'\"></head>"
            + "<body><img src=\"file:///nonexistent.png\"><script>console.error(\"probe-error\")</script></body></html>", ct);
        var (_, log) = await ChromiumAsync(ct, "--dump-dom", new Uri(page).AbsoluteUri);
        var messages = ConsoleMessages(log);
        Assert.Contains(messages, m => m.Contains("probe-error", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMissingRunOrABrokenSamplesCsvIsABadInput()
    {
        // The message (file and line) is checked in Core's RunReportTests; here the exit code contract.
        var work = CliProcess.NewTempDirectory();
        Assert.Equal(ExitCodes.BadInput, await ReportAsync([Path.Combine(work, "no-such-run")]));
        var csv = Path.Combine(work, "samples.csv");
        await File.WriteAllTextAsync(csv, "model,eval,group,score,error_kind\nm,niah,all,high,\n", TestContext.Current.CancellationToken);
        Assert.Equal(ExitCodes.BadInput, await ReportAsync([csv, "--out", Path.Combine(work, "r.html")]));
        Assert.False(File.Exists(Path.Combine(work, "r.html")));
    }

    private static Task<int> ReportAsync(string[] args) =>
        new RootCommand { ReportCommand.Create() }.Parse(["report", .. args]).InvokeAsync();

    private static void RequireChromium()
    {
        if (File.Exists(Chromium)) return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail($"{Chromium} is missing on CI: install it first (apt-get install -y chromium)");
        Assert.Skip($"{Chromium} is not installed (apt-get install -y chromium)");
    }

    private static IReadOnlyList<string> ConsoleMessages(string log) =>
        log.Split('\n').Select(l => ConsoleLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["message"].Value).ToList();

    private static async Task<(string Stdout, string Stderr)> ChromiumAsync(CancellationToken ct, params string[] args)
    {
        var info = new ProcessStartInfo(Chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] common =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0",
            "--user-data-dir=" + CliProcess.NewTempDirectory(),
        ];
        foreach (var a in common.Concat(args)) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (await stdout, await stderr);
    }
}
