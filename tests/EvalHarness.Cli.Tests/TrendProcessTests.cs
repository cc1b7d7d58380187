using System.Text.Json;
using System.Text.RegularExpressions;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// Five simulated nights of `run` + `gate`, then `trend`: one point per night per model x eval, the FAIL night marked
/// and the night the endpoint started serving another model id marked as endpoint drift.
/// </summary>
public sealed partial class TrendProcessTests
{
    // "nightly" is one configured model whose endpoint serves a different id on some nights (the simulator answers
    // with the id it was asked for): sim-oracle, then an 8K window (a real drop), then a 1M window (same scores).
    private static readonly string[] Served = ["sim-oracle", "sim-oracle", "sim-window-8k", "sim-window-1000k", "sim-window-1000k"];

    [GeneratedRegex("<circle class=\"trend-point(?: verdict-(?<verdict>[a-z]+))?\" data-night=\"(?<night>\\d+)\"")]
    private static partial Regex Point();

    [GeneratedRegex("<section class=\"series\" data-model=\"(?<model>[^\"]+)\" data-eval=\"(?<eval>[^\"]+)\" data-group=\"all\">(?<body>.*?)</section>", RegexOptions.Singleline)]
    private static partial Regex Section();

    /// <summary>Runs the five nights and gates nights 2-5 against night 1; returns the run folders (night order).</summary>
    internal static async Task<List<string>> FiveNightsAsync(string work, CancellationToken ct)
    {
        var nights = new List<string>();
        for (var i = 0; i < Served.Length; i++)
        {
            var dir = Path.Combine(work, $"night{i + 1}");
            var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct,
                "run", "--evals", "niah", "--plain", "--models", "nightly,sim-oracle",
                "--set", "Models:nightly:BaseUrl=simulator", "--set", $"Models:nightly:Model={Served[i]}",
                "-o", "niah.context_lengths=2000,12000,24000", "-o", "niah.depths=0,10,20,30,40,50,60,70,80,90,100", "--out", dir);
            Assert.True(exit == 0, $"night {i + 1}: exit {exit}\n{stdout}\n{stderr}");
            nights.Add(dir);
        }
        for (var i = 1; i < nights.Count; i++)
        {
            var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, "gate", nights[i], "--baseline", nights[0]);
            Assert.True(exit == (i == 2 ? 3 : 0), $"gate night {i + 1}: exit {exit}\n{stdout}\n{stderr}");
        }
        return nights;
    }

    [Fact]
    public async Task FiveNightsGiveOnePointPerNightTheFailMarkedAndTheServedModelChangeAsDrift()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var nights = await FiveNightsAsync(work, ct);

        // gate.json sits in the candidate's gate folder with the verdict and exit code the process returned.
        using (var gate = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(nights[2], "gate", "gate.json"), ct)))
        {
            var root = gate.RootElement;
            Assert.Equal("FAIL", root.GetProperty("verdict").GetString());
            Assert.Equal(3, root.GetProperty("exit_code").GetInt32());
            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(nights[2], "manifest.json"), ct));
            Assert.Equal(manifest.RootElement.GetProperty("run_id").GetString(), root.GetProperty("candidate_run_id").GetString());
            var cells = root.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("model").GetString()!, c => c.GetProperty("verdict").GetString());
            Assert.Equal("FAIL", cells["nightly"]);
            Assert.Equal("PASS", cells["sim-oracle"]);
        }

        // Inputs in shuffled order: the page orders nights by start time.
        var page = Path.Combine(work, "trend.html");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, ["trend", nights[3], nights[0], nights[4], nights[2], nights[1], "--out", page]);
        Assert.True(exit == 0, $"trend: exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("(5 nights, 2 model x eval series, 2 endpoint drift marks)", Regex.Replace(stdout, "\\s+", " "), StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(page, ct);

        var sections = Section().Matches(html).ToDictionary(m => m.Groups["model"].Value + "/" + m.Groups["eval"].Value, m => m.Groups["body"].Value);
        Assert.Equal(["nightly/niah", "sim-oracle/niah"], sections.Keys.Order(StringComparer.Ordinal).ToArray());
        foreach (var body in sections.Values)
            Assert.Equal(["1", "2", "3", "4", "5"], Point().Matches(body).Select(m => m.Groups["night"].Value).ToArray());
        var nightly = Point().Matches(sections["nightly/niah"]).ToList();
        Assert.Equal(["", "pass", "fail", "pass", "pass"], nightly.Select(m => m.Groups["verdict"].Value).ToArray());
        Assert.DoesNotContain(Point().Matches(sections["sim-oracle/niah"]), m => m.Groups["verdict"].Value == "fail");

        // Drift: nightly's served id changed on nights 3 and 4; sim-oracle's never.
        var notes = Regex.Matches(html, "<p class=\"note drift\" data-model=\"(?<m>[^\"]+)\" data-night=\"(?<n>\\d)\">endpoint drift: <b>nightly</b> on night \\d \\(<code>[^<]+</code>\\): served <code>(?<from>[^<]+)</code> → <code>(?<to>[^<]+)</code>")
            .Select(m => $"{m.Groups["m"].Value}@{m.Groups["n"].Value}:{m.Groups["from"].Value}->{m.Groups["to"].Value}").ToArray();
        Assert.Equal(["nightly@3:sim-oracle->sim-window-8k", "nightly@4:sim-window-8k->sim-window-1000k"], notes);
        Assert.Equal(2, Regex.Count(sections["nightly/niah"], "<g class=\"drift-marker\">"));
        Assert.DoesNotContain("drift", sections["sim-oracle/niah"], StringComparison.Ordinal);

        // TTFT p50 and p95 per night, one point each; the same runs give the same bytes.
        Assert.Equal(20, Regex.Count(html, "<circle class=\"ttft-point"));
        var again = Path.Combine(work, "again.html");
        (exit, _, _) = await CliProcess.RunAsync(work, null, ct, ["trend", .. nights, "--out", again]);
        Assert.Equal(0, exit);
        Assert.Equal(html, await File.ReadAllTextAsync(again, ct));

        // Each night recorded itself in results/history.db: the page from the database alone is the same page (the
        // per-cell verdicts come from each run's gate.json while its folder exists).
        var fromHistory = Path.Combine(work, "from-history.html");
        (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, "trend", "--history", "--out", fromHistory);
        Assert.True(exit == 0, $"trend --history: exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal(html, await File.ReadAllTextAsync(fromHistory, ct));
    }

    [Fact]
    public async Task GateOutElsewhereStillLeavesTheVerdictInTheRunAndBadTrendInputExits2()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var nights = new List<string>();
        foreach (var name in new[] { "a", "b" })
        {
            var dir = Path.Combine(work, name);
            var (code, so, se) = await CliProcess.RunAsync(work, null, ct, "run", "--evals", "niah", "--plain", "--models", "sim-oracle", "--limit", "4", "--out", dir);
            Assert.True(code == 0, $"exit {code}\n{so}\n{se}");
            nights.Add(dir);
        }
        var elsewhere = Path.Combine(work, "ci-gate");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, "gate", nights[1], "--baseline", nights[0], "--out", elsewhere);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        var copy = await File.ReadAllTextAsync(Path.Combine(nights[1], "gate", "gate.json"), ct);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(elsewhere, "gate.json"), ct), copy);
        Assert.False(File.Exists(Path.Combine(nights[1], "gate", "gate.md"))); // only the machine verdict is copied
        Assert.Contains("\"verdict\": \"PASS\"", copy, StringComparison.Ordinal);

        (exit, _, stderr) = await CliProcess.RunAsync(work, null, ct, "trend", nights[0], Path.Combine(work, "missing"));
        Assert.Equal(2, exit);
        Assert.Equal($"error: {Path.Combine(work, "missing")}: run folder not found", stderr.Trim());
        (exit, _, stderr) = await CliProcess.RunAsync(work, null, ct, "trend", nights[0], "--suite", "weekly", "--out", Path.Combine(work, "t.html"));
        Assert.Equal(2, exit);
        Assert.Contains("no run of suite 'weekly'", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(work, "t.html")));
    }
}
