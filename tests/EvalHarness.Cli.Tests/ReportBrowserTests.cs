using System.CommandLine;
using System.Diagnostics;
using System.Text.RegularExpressions;
using EvalHarness.Cli.Commands;
using EvalHarness.Core.Reporting.Html;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// A report of a real simulator run, opened in headless Chromium: no console errors (the page's CSP turns any
/// attempted fetch into one), every heatmap cell in the rendered DOM, every chart image decoded, and a screenshot.
/// Skips when /usr/bin/chromium is absent, except on CI (CI=true), where the browser must be there.
/// Set EVALHARNESS_SCREENSHOT to a path to keep the screenshot (docs/report-screenshot.png is made that way).
/// </summary>
public sealed partial class ReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    // Reads the rendered DOM back: the count of heatmap cells and of chart images that failed to decode.
    private const string Probe = """
        <script>
        const cells = document.querySelectorAll(".heatmap-cell").length;
        const broken = Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length;
        document.body.setAttribute("data-heatmap-cells", String(cells));
        document.body.setAttribute("data-images", String(document.images.length));
        document.body.setAttribute("data-broken-images", String(broken));
        </script>
        """;

    [GeneratedRegex("INFO:CONSOLE[^\\]]*\\] (?<message>.*)")]
    private static partial Regex ConsoleLine();

    [Fact]
    public async Task ARealReportRendersInChromiumWithoutConsoleErrorsAndWithEveryHeatmapCell()
    {
        RequireChromium();
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var run = Path.Combine(work, "run");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct,
            "run", "--plain", "--evals", "niah,mrcr,graphwalks", "--models", "sim-oracle,sim-window-8k,sim-noisy", "--out", run);
        Assert.True(exit == 0, $"run: exit {exit}\n{stdout}\n{stderr}");

        var report = Path.Combine(run, RunReport.FileName);
        Assert.Equal(ExitCodes.Success, await ReportAsync([run, "--out", report]));
        Assert.True(File.Exists(Path.Combine(run, "chart_mrcr.png")));

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
        Assert.Contains($"data-heatmap-cells=\"{expected}\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-broken-images=\"0\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-images=\"3\"", dom, StringComparison.Ordinal); // MRCR, Graphwalks, TTFT (no prices for sim models)

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
