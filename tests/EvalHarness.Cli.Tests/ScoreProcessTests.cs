using System.Text.Json.Nodes;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Files;

namespace EvalHarness.Cli.Tests;

/// <summary>`evalharness prompts` then `evalharness score`: recorded responses are scored without any model.</summary>
public sealed class ScoreProcessTests
{
    [Fact]
    public async Task RecordedResponsesAreScoredAndABadLineIsAOneLineInputError()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var prompts = Path.Combine(work, "niah.jsonl");
        var (exit, _, stderr) = await CliProcess.RunAsync(work, null, ct, "prompts", "--eval", "niah", "--out", prompts);
        Assert.True(exit == 0, stderr);

        // Answer half the samples with their expected values and half with nothing useful.
        var lines = await File.ReadAllLinesAsync(prompts, ct);
        var responses = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var sample = JsonNode.Parse(lines[i])!.AsObject();
            var expected = string.Join(", ", sample["truth"]!["expected_values"]!.AsArray().Select(v => v!.GetValue<string>()));
            var answer = i % 2 == 0 ? "The special number is " + expected + "." : "I could not find it.";
            responses.Add(new JsonObject { ["id"] = sample["id"]!.GetValue<string>(), ["response"] = answer }.ToJsonString());
        }
        var responsesPath = Path.Combine(work, "responses.jsonl");
        await File.WriteAllLinesAsync(responsesPath, responses, ct);

        (exit, _, stderr) = await CliProcess.RunAsync(work, null, ct, "score", "--eval", "niah", "--samples", prompts, "--responses", responsesPath, "--out", Path.Combine(work, "scored"));
        Assert.True(exit == 0, stderr);
        var (_, rows) = CsvTable.Read(Path.Combine(work, "scored", "samples.csv"));
        Assert.Equal(lines.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++) Assert.Equal(i % 2 == 0 ? "1" : "0", rows[i]["score"]);
        Assert.All(rows, r => Assert.Equal("", r["ttft_ms"]));

        await File.AppendAllTextAsync(responsesPath, "{\"id\": \"x\", \"response\": \n", ct);
        (exit, _, stderr) = await CliProcess.RunAsync(work, null, ct, "score", "--eval", "niah", "--samples", prompts, "--responses", responsesPath, "--out", Path.Combine(work, "scored2"));
        Assert.Equal(2, exit);
        Assert.Contains($"{responsesPath}:{lines.Length + 1}:", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(work, "scored2")));
    }
}
