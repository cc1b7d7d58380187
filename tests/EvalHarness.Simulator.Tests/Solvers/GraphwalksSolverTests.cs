using System.Text.Json;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Graphwalks;
using EvalHarness.Core.Text;
using EvalHarness.Simulator.Solvers;
using EvalHarness.TestSupport;
using EvalHarness.Core.Models;

namespace EvalHarness.Simulator.Tests.Solvers;

public sealed class GraphwalksSolverTests
{
    private static async Task<List<EvalSample>> Generated(string version) =>
        await new GraphwalksEvaluator().GetSamples(
            new EvalRequest
            {
                Seed = 9,
                Options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                {
                    ["token_targets"] = "2000,8000",
                    ["samples_per_target"] = "4",
                    ["prompt_version"] = version,
                },
            },
            TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("fixed")]
    [InlineData("original")]
    public async Task ScoresF1OneOnGeneratedSamplesOfBothTypes(string version)
    {
        var evaluator = new GraphwalksEvaluator();
        var solver = new GraphwalksSolver();
        var samples = await Generated(version);
        Assert.Contains(samples, s => s.Labels["problem_type"]!.GetValue<string>() == "bfs");
        Assert.Contains(samples, s => s.Labels["problem_type"]!.GetValue<string>() == "parents");
        foreach (var s in samples)
        {
            Assert.True(solver.Recognizes(s.Messages));
            var response = solver.Solve(s.Messages, 1);
            Assert.Equal(1.0, evaluator.Score(s, response).Score);
            Assert.Equal(version == "fixed" ? 2 : 1, response.Split('\n').Length);
        }
    }

    [Fact]
    public void AnswersRealRowsInBothWordings()
    {
        var path = SharedData.RequireFile("reference", "official-samples", "graphwalks_5rows_both_prompt_versions.DERIVED.jsonl");
        var solver = new GraphwalksSolver();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            var e = JsonDocument.Parse(line).RootElement;
            string[] gold = [.. e.GetProperty("answer_nodes").EnumerateArray().Select(x => x.GetString()!)];
            foreach (var key in new[] { "prompt_v2026_02_27", "prompt_v2025_04_12_reconstructed" })
            {
                var response = solver.Solve([new ChatMessage("user", e.GetProperty(key).GetString()!)], 0);
                Assert.Equal(1.0, GraphwalksGrader.Grade(response, gold).F1);
            }
        }
    }

    [Fact]
    public async Task ACutWindowStillAnswersInFormatButDegrades()
    {
        var evaluator = new GraphwalksEvaluator();
        var solver = new GraphwalksSolver();
        var scores = new List<double>();
        foreach (var s in (await Generated("fixed")).Where(s => s.Labels["bin"]!.GetValue<string>() == "8000"))
        {
            var prompt = s.Messages[0].Content;
            var start = O200kTokenizer.Shared.GetStartIndexOfLastTokens(prompt, 2000);
            var response = solver.Solve([new ChatMessage("user", prompt[start..])], 1);
            var score = evaluator.Score(s, response);
            Assert.Equal("false", score.Columns["parse_failure"]);
            scores.Add(score.Score);
        }
        Assert.True(scores.Average() < 0.9, $"a quarter of the graph should not solve the task; mean F1 {scores.Average()}");
    }

    [Fact]
    public void DoesNotRecognizeOtherTasksAndAnswersEmptyWithoutAnOperation()
    {
        var solver = new GraphwalksSolver();
        Assert.False(solver.Recognizes([new ChatMessage("user", "What is the magic number in the text?")]));
        Assert.Equal("Final Answer: []", solver.Solve([new ChatMessage("user", "cfcd208495 -> c4ca4238a0")], 3));
    }
}
