using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Graphwalks;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Tests.Evaluators.Graphwalks;

public sealed class GraphwalksEvaluatorTests
{
    private static EvalSample Sample(JsonObject truth) => new()
    {
        Id = "x",
        Eval = "graphwalks",
        Group = "bfs;bin=2000",
        Messages = [new ChatMessage("user", "...")],
        Truth = truth,
    };

    [Fact]
    public void NameAndColumnsFollowTheContract()
    {
        var e = new GraphwalksEvaluator();
        Assert.Equal("graphwalks", e.Name);
        Assert.Equal(
            ["problem_type", "split", "token_target", "prompt_version", "source_prompt_version", "prompt_tokens_o200k", "n_nodes", "n_edges",
             "out_degree", "depth", "answer_size", "precision", "recall", "f1_v1", "parse_failure", "predicted_size"],
            new GraphwalksModule().Columns.Select(c => c.Name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n\n")]
    [InlineData("Final Answer: [")]
    [InlineData("Final Answer: [,,,]]]]")]
    [InlineData("Final Answer: \u0000[\uFFFF]")]
    public void OddOutputNeverThrows(string response)
    {
        var score = new GraphwalksEvaluator().Score(Sample(new JsonObject { ["answer_nodes"] = new JsonArray("a") }), response);
        Assert.Equal(0.0, score.Score);
        Assert.False(score.Passed);
    }

    [Fact]
    public void ScoreColumnsAreInvariantStrings()
    {
        var score = new GraphwalksEvaluator().Score(Sample(new JsonObject { ["answer_nodes"] = new JsonArray("a", "b", "c") }), "Final Answer: [a, z]");
        // p = 1/2, r = 1/3, F1 = 2pr/(p+r) = 0.4; v1 items "Final Answer: [a", "z" -> 0.
        Assert.Equal(0.4, score.Score, 12);
        Assert.Equal("0.5", score.Columns["precision"]);
        Assert.Equal("0.3333333333333333", score.Columns["recall"]);
        Assert.Equal("0", score.Columns["f1_v1"]);
        Assert.Equal("2", score.Columns["predicted_size"]);
    }

    [Fact]
    public void MissingAnswerNodesIsTreatedAsEmptyGold()
    {
        var e = new GraphwalksEvaluator();
        Assert.Equal(1.0, e.Score(Sample([]), "Final Answer: []").Score);
        Assert.True(e.Score(Sample([]), "Final Answer: []").Passed);
        // Non-string items in a hand-edited truth file are ignored, not thrown on.
        Assert.Equal(1.0, e.Score(Sample(new JsonObject { ["answer_nodes"] = new JsonArray(1, "a") }), "Final Answer: [a]").Score);
    }
}
