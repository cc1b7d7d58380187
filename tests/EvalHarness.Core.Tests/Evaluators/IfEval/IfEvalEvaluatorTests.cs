using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.IfEval;

namespace EvalHarness.Core.Tests.Evaluators.IfEval;

public sealed class IfEvalEvaluatorTests
{
    private static readonly IfEvalEvaluator Evaluator = new(new FakeTools(), "fake", "fake");

    private static async Task<List<EvalSample>> Samples(EvalRequest request)
    {
        var list = new List<EvalSample>();
        await foreach (var s in Evaluator.GetSamples(request, TestContext.Current.CancellationToken)) list.Add(s);
        return list;
    }

    [Fact]
    public async Task BuiltinSamplesCarryKeyTruthLabelsAndCategoryGroup()
    {
        var samples = await Samples(new EvalRequest { Limit = 5 });
        Assert.Equal(5, samples.Count);
        var first = samples[0];
        var prompt = IfEvalBuiltinPrompts.Load()[0];
        Assert.Equal("100001", first.Id);
        Assert.Equal("ifeval", first.Eval);
        Assert.Equal(prompt.Prompt, Assert.Single(first.Messages).Content);
        Assert.Equal(1024, first.MaxOutputTokens);
        Assert.Equal(prompt.InstructionIds[0][..prompt.InstructionIds[0].IndexOf(':', StringComparison.Ordinal)], first.Group);
        Assert.Equal(string.Join('|', prompt.InstructionIds), first.Labels["instruction_ids"]!.GetValue<string>());
        Assert.Equal(prompt.InstructionIds.Count, first.Truth["kwargs"]!.AsArray().Count);
    }

    [Fact]
    public async Task ScoreReportsPerInstructionVerdictsInPromptOrder()
    {
        var sample = Evaluator.ToSample(new IfEvalPrompt(7, "p", ["punctuation:no_comma", "startend:quotation"], [new(), new()]), 100);
        var score = Evaluator.Score(sample, "Note:\n\"no commas here\"");
        Assert.Equal(0, score.Score);
        Assert.False(score.Passed);
        Assert.Equal("true|false", score.Columns["strict_verdicts"]);
        Assert.Equal("true|true", score.Columns["loose_verdicts"]);
        Assert.Equal("false", score.Columns["prompt_strict"]);
        Assert.Equal("true", score.Columns["prompt_loose"]);
        Assert.Equal("2", score.Columns["n_instructions"]);
        Assert.Equal(1, Evaluator.Score(sample, "\"fine\"").Score);
        await Task.CompletedTask;
    }

    [Fact]
    public void ParameterlessConstructorFallsBackToBuiltinsWhenNoModelIsFound()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-model-folder");
        var evaluator = new IfEvalEvaluator(IfEvalTools.Locate(missing, missing));
        Assert.Equal("ifeval", evaluator.Name);
        // NLTK_DATA / LANGDETECT_PROFILES may point at real models on a developer machine; either mode is valid.
        Assert.Contains(evaluator.SentenceSplitterMode, new[] { "reference", "builtin" });
        Assert.Contains(evaluator.LanguageDetectorMode, new[] { "reference", "builtin" });
        Assert.Equal("builtin", new IfEvalEvaluator(IfEvalTools.Builtin()).SentenceSplitterMode);
    }

    [Fact]
    public void OptionsAreReadCaseInsensitively()
    {
        var options = IfEvalOptions.From(new Dictionary<string, string> { ["NLTK_DATA"] = "/a", ["langdetect_profiles"] = "/b" });
        Assert.Equal(new IfEvalOptions("/a", "/b"), options);
    }

    [Fact]
    public async Task OfficialInputFileBecomesOneSamplePerKey()
    {
        var path = EvalHarness.TestSupport.SharedData.RequireFile("ifeval", "input_data.jsonl");
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["source"] = path, ["max_output_tokens"] = "2048" };
        var samples = await Samples(new EvalRequest { Options = options });
        Assert.Equal(541, samples.Count);
        Assert.Equal("1000", samples[0].Id);
        Assert.Equal("punctuation", samples[0].Group); // first id of key 1000 is punctuation:no_comma
        Assert.Equal(2048, samples[0].MaxOutputTokens);
        Assert.Equal(834, samples.Sum(s => s.Labels["n_instructions"]!.GetValue<int>()));
    }

    [Fact]
    public async Task BadOptionsAreInputErrors()
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["source"] = "/nonexistent/input_data.jsonl" };
        await Assert.ThrowsAsync<EvalInputException>(() => Samples(new EvalRequest { Options = options }));
    }
}
