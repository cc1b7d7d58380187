using System.Globalization;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Files;

namespace EvalHarness.Cli.Tests;

/// <summary>The console of the real binary with output redirected (as in CI): progress lines, table width, cost, help.</summary>
public sealed class ConsoleProcessTests
{
    private static readonly string[] Verbs = ["run", "list", "prompts", "score", "serve", "compare", "gate", "history", "history list", "history accept", "history unaccept", "history import", "trend", "report", "init"];

    [Fact]
    public async Task RedirectedRunShowsSampleGenerationProgressAndAFullWidthTableWithCost()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        // sim-oracle gets a price (USD 1 in, 2 out per 1M tokens); sim-window-8k has none, so its cost is blank.
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct,
            "run", "--eval", "niah", "--model", "sim-oracle,sim-window-8k", "--limit", "3", "--no-history",
            "--set", "Prices:sim-oracle:Input=1", "--set", "Prices:sim-oracle:Output=2");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        // A line while samples are generated, before the line that says they are ready, before any progress.
        var generating = lines.FindIndex(l => l == "  niah: generating samples...");
        var ready = lines.FindIndex(l => l.StartsWith("  niah: 3 samples (", StringComparison.Ordinal));
        var firstProgress = lines.FindIndex(l => l.StartsWith("progress ", StringComparison.Ordinal));
        Assert.True(generating >= 0 && generating < ready && ready < firstProgress, stdout);
        Assert.Contains("progress 6/6 (100%), 0 errors, elapsed 0:", stdout);
        var progress = lines.Where(l => l.StartsWith("progress ", StringComparison.Ordinal)).ToList();
        Assert.Equal(progress.Distinct().Count(), progress.Count); // never the same count twice
        Assert.Contains("  sim-oracle / niah: 3/3 done, 0 errors", lines);

        // Redirected without COLUMNS: one line per row, wider than 80 columns, with the cost column.
        var header = Assert.Single(lines, l => l.Contains("│ model", StringComparison.Ordinal));
        Assert.True(header.Length > 120, header);
        Assert.Contains("cost USD", header);
        var cells = Cells(header);
        var cost = cells.IndexOf("cost USD");
        var runDir = Assert.Single(Directory.GetDirectories(Path.Combine(work, "results")));
        var (_, summary) = CsvTable.Read(Path.Combine(runDir, "summary.csv"));
        var oracleCost = double.Parse(summary.Single(r => r["model"] == "sim-oracle" && r["group"] == "all")["cost_usd"], CultureInfo.InvariantCulture);
        Assert.True(oracleCost > 0);
        Assert.Equal(oracleCost.ToString("0.0000", CultureInfo.InvariantCulture), Cells(Row(lines, "sim-oracle"))[cost]);
        Assert.Equal("", Cells(Row(lines, "sim-window-8k"))[cost]);
    }

    [Fact]
    public async Task ColumnsSetsTheTableWidth()
    {
        var ct = TestContext.Current.CancellationToken;
        var (exit, stdout, stderr) = await CliProcess.RunAsync(CliProcess.NewTempDirectory(), new Dictionary<string, string?> { ["COLUMNS"] = "100" }, ct,
            "run", "--evals", "niah", "--models", "sim-oracle", "--limit", "1", "--no-history");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        var table = stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith('│') || l.StartsWith('╭')).ToList();
        Assert.NotEmpty(table);
        Assert.All(table, l => Assert.True(l.Length <= 100, l));
        Assert.Contains(table, l => l.Length > 80);
    }

    [Fact]
    public async Task EveryVerbsHelpEndsWithExamplesAndNoArgumentsPrintsTheUsage()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        foreach (var verb in Verbs)
        {
            var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, [.. verb.Split(' '), "--help"]);
            Assert.True(exit == 0, $"{verb}: exit {exit}\n{stderr}");
            var examples = stdout.IndexOf("\nExamples:\n", StringComparison.Ordinal);
            Assert.True(examples > stdout.IndexOf("Options:", StringComparison.Ordinal), $"{verb}:\n{stdout}");
            Assert.Contains("  evalharness " + verb, stdout[examples..]);
        }

        var (noArgs, usage, _) = await CliProcess.RunAsync(work, null, ct);
        Assert.Equal(2, noArgs);
        Assert.Contains("Usage:", usage);
        Assert.Contains("Commands:", usage);
        Assert.Contains("  init ", usage);
        Assert.Contains("Examples:", usage);
    }

    [Fact]
    public async Task EvalChoicesAreListedAndSingularAndPluralNamesAreBothAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var (_, runHelp, _) = await CliProcess.RunAsync(work, null, ct, "run", "--help");
        Assert.Contains("--eval, --evals <niah|mrcr|graphwalks|ifeval,...>", runHelp);
        Assert.Contains("--model, --models <model,...>", runHelp);
        var (_, promptsHelp, _) = await CliProcess.RunAsync(work, null, ct, "prompts", "--help");
        Assert.Contains("--eval, --evals <niah|mrcr|graphwalks|ifeval>", promptsHelp);

        var out1 = Path.Combine(work, "a.jsonl");
        var out2 = Path.Combine(work, "b.jsonl");
        var (e1, s1, r1) = await CliProcess.RunAsync(work, null, ct, "prompts", "--eval", "niah", "--limit", "2", "--out", out1);
        var (e2, s2, r2) = await CliProcess.RunAsync(work, null, ct, "prompts", "--evals", "niah", "--limit", "2", "--out", out2);
        Assert.True(e1 == 0 && e2 == 0, $"{s1}{r1}{s2}{r2}");
        Assert.Equal(File.ReadAllText(out1), File.ReadAllText(out2));

        var (dry, dryOut, dryErr) = await CliProcess.RunAsync(work, null, ct, "run", "--eval", "niah", "--model", "sim-oracle", "--limit", "1", "--dry-run");
        Assert.True(dry == 0, dryOut + dryErr);
        Assert.Contains("sim-oracle", dryOut);
        Assert.Contains("  niah: 1 samples (", dryOut);
    }

    private static string Row(IEnumerable<string> lines, string model) =>
        Assert.Single(lines, l => l.StartsWith("│ " + model + " ", StringComparison.Ordinal) && Cells(l)[2] == "all");

    private static List<string> Cells(string row) => row.Trim('│').Split('│').Select(c => c.Trim()).ToList();
}
