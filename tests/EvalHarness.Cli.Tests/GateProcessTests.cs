using System.Xml.Linq;

namespace EvalHarness.Cli.Tests;

/// <summary>`evalharness gate` on real simulator runs: exit codes, verdict block, gate.md and JUnit XML.</summary>
public sealed class GateProcessTests
{
    private static async Task<string> RunAsync(string work, string name, string model, CancellationToken ct, string lengths = "2000,12000,24000", string depths = "0,10,20,30,40,50,60,70,80,90,100", params string[] extra)
    {
        var dir = Path.Combine(work, name);
        string[] args = ["run", "--evals", "niah", "--plain", "--models", model, "-o", $"niah.context_lengths={lengths}", "-o", $"niah.depths={depths}", "--out", dir, .. extra];
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, args);
        Assert.True(exit is 0 or 1, $"exit {exit}\n{stdout}\n{stderr}");
        return dir;
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> GateAsync(string work, CancellationToken ct, params string[] args) =>
        CliProcess.RunAsync(work, null, ct, ["gate", .. args]);

    /// <summary>Well-formed JUnit XML; returns its testcases.</summary>
    private static List<XElement> TestCases(string folder)
    {
        var doc = XDocument.Load(Path.Combine(folder, "gate.junit.xml"));
        Assert.Equal("testsuites", doc.Root!.Name.LocalName);
        return doc.Descendants("testcase").ToList();
    }

    [Fact]
    public async Task TheSameModelPassesAndASmallerWindowFailsWithExitCode3()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var baseline = await RunAsync(work, "base", "sim-oracle", ct);
        var same = await RunAsync(work, "same", "sim-oracle", ct);
        var drop = await RunAsync(work, "drop", "sim-window-8k", ct);

        var (exit, stdout, stderr) = await GateAsync(work, ct, same, "--baseline", baseline);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.StartsWith("GATE: PASS", stdout, StringComparison.Ordinal);
        var md = await File.ReadAllTextAsync(Path.Combine(same, "gate", "gate.md"), ct);
        Assert.StartsWith("# Regression gate\n\n```\nGATE: PASS", md, StringComparison.Ordinal);
        var cell = Assert.Single(TestCases(Path.Combine(same, "gate")));
        Assert.Equal("niah / sim-oracle", (string?)cell.Attribute("name"));
        Assert.Null(cell.Element("failure"));

        // 11 of 33 needles are outside the 8K window: a drop of 33 points, far beyond δ = 2 points.
        var outDir = Path.Combine(work, "gate-drop");
        (exit, stdout, stderr) = await GateAsync(work, ct, drop, "--baseline", baseline, "--out", outDir);
        Assert.True(exit == 3, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.StartsWith("GATE: FAIL", stdout, StringComparison.Ordinal);
        cell = Assert.Single(TestCases(outDir));
        Assert.NotNull(cell.Element("failure"));
        Assert.Contains("FAIL", await File.ReadAllTextAsync(Path.Combine(outDir, "gate.md"), ct), StringComparison.Ordinal);

        // The report of a gated run opens with the verdict (from the gate.json the gate left in the run folder).
        (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, "report", drop);
        Assert.True(exit == 0, $"report: exit {exit}\n{stdout}\n{stderr}");
        var html = await File.ReadAllTextAsync(Path.Combine(drop, "report.html"), ct);
        var block = html.IndexOf("<div class=\"gate fail\">", StringComparison.Ordinal);
        Assert.True(block > 0 && block < html.IndexOf("<caption>Inputs</caption>", StringComparison.Ordinal), "the FAIL block comes before the inputs table");
        Assert.Contains("<strong>GATE: FAIL</strong>", html, StringComparison.Ordinal);
        Assert.Matches("<p>FAIL [^<]*niah: -0\\.3[0-9]+ \\(CI -0\\.[0-9]+ to -0\\.[0-9]+\\)</p>", html);
        (exit, _, _) = await CliProcess.RunAsync(work, null, ct, "report", same);
        Assert.Equal(0, exit);
        Assert.Contains("<div class=\"gate pass\">", await File.ReadAllTextAsync(Path.Combine(same, "report.html"), ct), StringComparison.Ordinal);
        (exit, _, _) = await CliProcess.RunAsync(work, null, ct, "report", baseline);
        Assert.Equal(0, exit);
        Assert.DoesNotContain("class=\"gate", await File.ReadAllTextAsync(Path.Combine(baseline, "report.html"), ct), StringComparison.Ordinal);

        // The last two accepted runs pooled per sample: still a regression.
        (exit, stdout, stderr) = await GateAsync(work, ct, drop, "--baseline", baseline, "--baseline", same, "--out", outDir);
        Assert.True(exit == 3, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("pooled per sample over 2 runs", stdout, StringComparison.Ordinal);

        // compare --gate: the same gate (baseline run first), its verdict first in the console and in compare.md.
        var compareDir = Path.Combine(work, "compare-gate");
        (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, "compare", baseline, drop, "--gate", "--out", compareDir);
        Assert.True(exit == 3, $"compare --gate: exit {exit}\n{stdout}\n{stderr}");
        Assert.StartsWith("GATE: FAIL", stdout, StringComparison.Ordinal);
        Assert.StartsWith("# Comparison\n\n```\nGATE: FAIL", await File.ReadAllTextAsync(Path.Combine(compareDir, "compare.md"), ct), StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(TestCases(compareDir)).Element("failure"));
        (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, "compare", baseline, same, "--gate", "--out", Path.Combine(work, "compare-same"));
        Assert.True(exit == 0, $"compare --gate same: exit {exit}\n{stdout}\n{stderr}");
        Assert.StartsWith("GATE: PASS", stdout, StringComparison.Ordinal);
        (exit, _, stderr) = await CliProcess.RunAsync(work, null, ct, "compare", baseline, "--gate", "--out", Path.Combine(work, "compare-one"));
        Assert.Equal(2, exit);
        Assert.Contains("compare --gate: give two run folders", stderr, StringComparison.Ordinal);

        // A margin wider than any possible drop turns the same evidence into a pass.
        (exit, stdout, stderr) = await GateAsync(work, ct, drop, "--baseline", baseline, "--delta", "niah=0.6", "--out", outDir);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
    }

    [Fact]
    public async Task UnlikePromptsAndAnErroringNightTripAGuardWithExitCode4()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var baseline = await RunAsync(work, "base", "sim-oracle", ct);
        var otherSeed = await RunAsync(work, "seed7", "sim-oracle", ct, extra: ["--seed", "7"]);
        var errors = await RunAsync(work, "errors", "sim-oracle", ct, extra: ["--set", "Simulator:Faults:ServerErrorRate=0.3", "--set", "Models:sim-oracle:MaxRetries=0"]);

        var (exit, stdout, stderr) = await GateAsync(work, ct, otherSeed, "--baseline", baseline);
        Assert.True(exit == 4, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.StartsWith("GATE: GUARD", stdout, StringComparison.Ordinal);
        Assert.Contains("prompt_hash", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("cell ", stdout, StringComparison.Ordinal); // no statistical verdict
        var cases = TestCases(Path.Combine(otherSeed, "gate"));
        Assert.All(cases, c => Assert.NotNull(c.Element("error")));

        (exit, stdout, stderr) = await GateAsync(work, ct, errors, "--baseline", baseline);
        Assert.True(exit == 4, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("error_rate", stdout, StringComparison.Ordinal);
        Assert.Single(TestCases(Path.Combine(errors, "gate")), c => c.Element("error") is not null);

        // Same prompts, another dataset version recorded in the manifest (as a newer official file would be): unlike.
        var newer = await RunAsync(work, "newer", "sim-oracle", ct);
        var manifestPath = Path.Combine(newer, "manifest.json");
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(manifestPath, ct))!;
        var niah = manifest["evals"]!.AsArray().Single(e => (string?)e!["name"] == "niah")!;
        niah["details"] = new System.Text.Json.Nodes.JsonObject { ["dataset_version"] = "2026-12" };
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString(), ct);
        (exit, stdout, stderr) = await GateAsync(work, ct, newer, "--baseline", baseline);
        Assert.True(exit == 4, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("dataset_version", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("prompt_hash", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("cell ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATinySuiteIsUnderpoweredAndAnInconclusiveDropOnlyWarns()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        // 4 samples; the 8K window misses only the 12K prompt's needle at depth 0.
        var baseline = await RunAsync(work, "base", "sim-oracle", ct, "2000,12000", "0,50");
        var candidate = await RunAsync(work, "cand", "sim-window-8k", ct, "2000,12000", "0,50");

        var (exit, stdout, stderr) = await GateAsync(work, ct, candidate, "--baseline", baseline);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.StartsWith("GATE: PASS with 1 warning", stdout, StringComparison.Ordinal);
        Assert.Contains("WARN UNDERPOWERED niah / sim-window-8k", stdout, StringComparison.Ordinal);
        var cell = Assert.Single(TestCases(Path.Combine(candidate, "gate")));
        Assert.Null(cell.Element("failure"));
        Assert.Contains("UNDERPOWERED", (string?)cell.Element("system-out"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingBaselineIsABadInput()
    {
        var work = CliProcess.NewTempDirectory();
        var (exit, _, stderr) = await GateAsync(work, TestContext.Current.CancellationToken, Path.Combine(work, "nope"), "--baseline", Path.Combine(work, "nope2"));
        Assert.Equal(2, exit);
        Assert.Contains("nope", stderr, StringComparison.Ordinal);
    }
}
