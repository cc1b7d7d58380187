using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.IfEval;

namespace EvalHarness.Core.Tests.Evaluators.IfEval;

/// <summary>Strict and loose modes (spec §2.3, §2.4), prompt matching (§2.1) and metrics (§2.5).</summary>
public sealed class IfEvalScorerTests
{
    private static IfEvalPrompt Prompt(long key, string text, params (string Id, string Kwargs)[] instructions) =>
        new(key, text, [.. instructions.Select(i => i.Id)], [.. instructions.Select(i => (JsonObject?)JsonNode.Parse(i.Kwargs)!.AsObject())]);

    [Fact]
    public void LooseVariantsFollowTheReferenceOrder()
    {
        var v = IfEvalScorer.LooseVariants("Sure:\n*a*\n b \nBye");
        Assert.Equal(["Sure:\n*a*\n b \nBye", "Sure:\na\n b \nBye", "*a*\n b \nBye", "Sure:\n*a*\n b", "*a*\n b", "a\n b \nBye", "Sure:\na\n b", "a\n b"], v);
    }

    [Fact]
    public void BlankResponsesFailEveryInstructionAndNullIsBlank()
    {
        var prompt = Prompt(1, "p", ("punctuation:no_comma", "{}"));
        var scorer = new IfEvalScorer(new FakeTools());
        foreach (var response in new[] { null, "", " \n\x1c" })
        {
            var r = scorer.Score(prompt, response);
            Assert.False(r.Strict[0]);
            Assert.False(r.Loose[0]);
        }
    }

    [Fact]
    public void LooseRescuesAnIntroLineAndStarsPerInstruction()
    {
        var prompt = Prompt(1, "p", ("startend:quotation", "{}"), ("startend:end_checker", """{"end_phrase": "Peace!"}"""));
        var r = new IfEvalScorer(new FakeTools()).Score(prompt, "Here you go:\n\"Text. **Peace!**\"");
        Assert.Equal([false, false], r.Strict);
        // quotation passes without the first line; end_checker passes with the stars removed (and first line removed).
        Assert.Equal([true, true], r.Loose);
        Assert.False(r.PromptStrict);
        Assert.True(r.PromptLoose);
    }

    [Fact]
    public void ResponsesAreMatchedByPromptWithRowOrderFallback()
    {
        var inputs = new[] { Prompt(1, "a", ("punctuation:no_comma", "{}")), Prompt(2, "b", ("punctuation:no_comma", "{}")) };
        var responses = new[] { new IfEvalResponseRow("old b", "no comma"), new IfEvalResponseRow("a", "x, y"), new IfEvalResponseRow("a", "fine") };
        // A later duplicate wins; three rows for two inputs means no row-order fallback for "b".
        Assert.Throws<EvalInputException>(() => new IfEvalScorer(new FakeTools()).ScoreResponses(inputs, responses));
        var results = new IfEvalScorer(new FakeTools()).ScoreResponses(inputs, [new("a", "x, y"), new("old b", "no comma")]);
        Assert.Equal([false], results[0].Strict);
        Assert.Equal([true], results[1].Strict);
    }

    [Fact]
    public void MetricsCountPromptsAndInstructionsPerMode()
    {
        var results = new[]
        {
            new IfEvalPromptResult(1, ["a:x", "b:y"], [true, false], [true, true]),
            new IfEvalPromptResult(2, ["a:x"], [true], [true]),
            new IfEvalPromptResult(3, ["a:z"], [false], [false]),
        };
        var m = IfEvalMetrics.From(results);
        Assert.Equal(new PassCount(1, 3), m.PromptStrict);
        Assert.Equal(new PassCount(2, 3), m.PromptLoose);
        Assert.Equal(new PassCount(2, 4), m.InstructionStrict);
        Assert.Equal(new PassCount(3, 4), m.InstructionLoose);
        Assert.Equal((new PassCount(2, 2), new PassCount(2, 2)), m.ById["a:x"]);
        Assert.Equal((new PassCount(2, 3), new PassCount(2, 3)), m.ByCategory["a"]);
    }
}
