using System.Globalization;
using EvalHarness.Core.Reporting;
using EvalHarness.TestSupport;
using EvalHarness.Core.RunFolders;
using EvalHarness.Core.Files;

namespace EvalHarness.Cli.Tests;

/// <summary>`evalharness score --eval ifeval` on Google's official files reproduces the reference metrics.</summary>
public sealed class IfEvalScoreProcessTests
{
    [Fact]
    public async Task OfficialGpt4ResponsesGiveTheReferenceMetricsInSummaryAndVerdictsInSamples()
    {
        var ct = TestContext.Current.CancellationToken;
        var input = SharedData.RequireFile("ifeval", "input_data.jsonl");
        var responses = SharedData.RequireFile("ifeval", "responses", "gpt4_20231107.jsonl");
        var env = new Dictionary<string, string?>
        {
            ["NLTK_DATA"] = SharedData.RequireFile("nltk_data"),
            ["LANGDETECT_PROFILES"] = SharedData.RequireFile("langdetect", "profiles"),
        };
        var work = CliProcess.NewTempDirectory();
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, env, ct,
            "score", "--eval", "ifeval", "--input-data", input, "--responses", responses, "--model", "gpt-4-0613", "--out", Path.Combine(work, "out"));
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");

        var (_, summary) = CsvTable.Read(Path.Combine(work, "out", "summary.csv"));
        double Mean(string group) => double.Parse(summary.Single(r => r["group"] == group)["mean_score"], CultureInfo.InvariantCulture);
        // Google's reference summary for these responses (shared/ifeval/README.md).
        Assert.Equal(417.0 / 541, Mean("metric=prompt_strict"), 6);
        Assert.Equal(698.0 / 834, Mean("metric=instruction_strict"), 6);
        Assert.Equal(431.0 / 541, Mean("metric=prompt_loose"), 6);
        Assert.Equal(714.0 / 834, Mean("metric=instruction_loose"), 6);
        Assert.Equal(Mean("metric=prompt_strict"), Mean("all"), 9);
        Assert.Equal("834", summary.Single(r => r["group"] == "metric=instruction_strict")["n"]);
        Assert.Equal(50, summary.Count(r => r["group"].StartsWith("instruction=", StringComparison.Ordinal)));

        var rows = RunFolderReader.Read(Path.Combine(work, "out")).Samples.Select(s => s.Columns).ToList();
        Assert.All(rows, r => Assert.True(r.ContainsKey("strict_verdicts"))); // from samples_ifeval.csv
        var key2785 = rows.Single(r => r["sample_id"] == "2785"); // the stale prompt, matched by row order
        Assert.Equal("0", key2785["score"]);
        Assert.Equal(541, rows.Count);
    }
}
