using EvalHarness.Cli.Tests.Evaluators.ExactMatch;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.RunFolders;
using EvalHarness.Core;
using EvalHarness.Core.Files;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// An eval added by one folder (Evaluators/ExactMatch) + one registration line runs like a built-in one: on the
/// simulator (its own solver answers), in `list` and `list --columns`, in samples.csv + samples_exact.csv, in the
/// run's report (its own section and drill-down) and in compare.
/// The catalog is given to the in-process CLI, so the eval never leaks into other tests.
/// </summary>
public sealed class AddedEvalTests
{
    // The one registration line.
    private static readonly EvalCatalog Catalog = EvalCatalog.BuiltIn.With(new ExactMatchModule());

    private static async Task<(int Exit, string Output)> CliAsync(EvalCatalog? catalog, params string[] args)
    {
        using var output = new StringWriter();
        var exit = await CliApp.RunAsync(args, catalog, output);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task AnEvalInATestFolderRunsEndToEndOnTheSimulatorAndShowsInListCsvsAndCompare()
    {
        var work = CliProcess.NewTempDirectory();
        var runs = new List<string>();
        foreach (var name in new[] { "a", "b" })
        {
            var dir = Path.Combine(work, name);
            var (exit, _) = await CliAsync(Catalog, "run", "--evals", "exact", "--models", "sim-oracle", "-o", "n=4", "--out", dir, "--plain", "--no-history");
            Assert.Equal(0, exit);
            runs.Add(dir);
        }

        // samples.csv: core columns only; samples_exact.csv: key columns, drill-down text, then the module's columns.
        var (header, rows) = CsvTable.Read(Path.Combine(runs[0], "samples.csv"));
        Assert.Equal(SamplesCsv.Header, header);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(("exact", "1"), (r["eval"], r["score"])));
        var (evalHeader, evalRows) = CsvTable.Read(Path.Combine(runs[0], "samples_exact.csv"));
        Assert.Equal(["run_id", "model", "sample_id", "prompt_summary", "expected", "target_word", "exact_match"], evalHeader);
        Assert.Equal(4, evalRows.Count);
        var run = RunFolderReader.Read(runs[0]);
        Assert.All(run.Samples, s => Assert.Equal((s.Column("target_word"), "true"), (s.Column("expected"), s.Column("exact_match"))));

        // The run's report draws the module's own section and a drill-down per cell.
        var html = File.ReadAllText(Path.Combine(runs[0], "report.html"));
        Assert.Contains("<section class=\"eval-section\" id=\"eval-exact\" data-eval=\"exact\">\n<h2>Exact match</h2>", html);
        Assert.Contains("class=\"drill-down\"", html);
        Assert.Contains("data-eval=\"exact\"", html[html.IndexOf("class=\"drill-down\"", StringComparison.Ordinal)..]);

        var compareDir = Path.Combine(work, "cmp");
        var (compareExit, _) = await CliAsync(Catalog, "compare", runs[0], runs[1], "--out", compareDir);
        Assert.Equal(0, compareExit);
        var (_, compared) = CsvTable.Read(Path.Combine(compareDir, "compare.csv"));
        Assert.Contains(compared, r => r["eval"] == "exact" && r["group"] == Summary.AllGroup);

        var (listExit, list) = await CliAsync(Catalog, "list");
        Assert.Equal(0, listExit);
        Assert.Contains("Exact match: repeat one word verbatim", list);
        var (_, columns) = await CliAsync(Catalog, "list", "--columns", "exact");
        Assert.Contains("exact: samples_exact.csv", columns);
        Assert.Contains("exact_match", columns);
    }

    [Fact]
    public async Task WithoutTheCatalogTheEvalIsUnknown()
    {
        var (_, columns) = await CliAsync(null, "list", "--columns");
        Assert.DoesNotContain("samples_exact.csv", columns);
        Assert.Contains("niah: samples_niah.csv", columns);
        Assert.Contains("response_chars", columns);
        Assert.Throws<EvalInputException>(() => EvalCatalog.Current.Find("exact"));
    }
}
