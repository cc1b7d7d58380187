using EvalHarness.Core.Evaluators.IfEval;
using EvalHarness.TestSupport;

namespace EvalHarness.Core.Tests.Evaluators.IfEval;

/// <summary>
/// Agreement with Google's checker on its 541 GPT-4 responses: every reference verdict in
/// ../shared/ifeval/reference/gpt4_20231107.verdicts.jsonl and the summary's four metrics.
/// </summary>
public sealed class ReferenceAgreementTests(ITestOutputHelper output)
{
    private static readonly Lazy<IfEvalTools> Builtin = new(IfEvalTools.Builtin);

    [Fact]
    public void EveryVerdictThatNeedsNoNltkOrLangdetectEqualsTheReference()
    {
        var results = new IfEvalScorer(new FakeTools()).ScoreResponses(ReferenceData.Inputs(), ReferenceData.Gpt4Responses());
        var disagreements = ReferenceData.Disagreements(results, ReferenceData.Gpt4Verdicts(), id => !ReferenceData.ToolDependentIds.Contains(id));
        foreach (var d in disagreements) output.WriteLine(d);
        Assert.Empty(disagreements);
    }

    [Fact]
    public void EvaluatorSamplesRoundTripTheTruthToTheSameVerdicts()
    {
        // The engine scores through EvalSample.Truth (possibly re-read from a prompts file); it must not lose anything.
        var inputs = ReferenceData.Inputs();
        var responses = ReferenceData.Gpt4Responses();
        var evaluator = new IfEvalEvaluator(Builtin.Value);
        var direct = evaluator.Scorer.ScoreResponses(inputs, responses);
        for (int i = 0; i < inputs.Count; i++)
        {
            var sample = evaluator.ToSample(inputs[i], 1024);
            var reparsed = new EvalHarness.Core.Evaluators.EvalSample
            {
                Id = sample.Id, Eval = sample.Eval, Messages = sample.Messages, Group = sample.Group,
                Truth = System.Text.Json.Nodes.JsonNode.Parse(sample.Truth.ToJsonString())!.AsObject(),
            };
            var viaSample = evaluator.ScoreDetailed(reparsed, responses[i].Response);
            Assert.Equal(direct[i].Strict, viaSample.Strict);
            Assert.Equal(direct[i].Loose, viaSample.Loose);
        }
    }

    [Fact]
    public void WithTheReferenceModelsEveryVerdictAndMetricEqualsTheReference()
    {
        var tools = IfEvalTools.Locate(
            SharedData.RequireFile("nltk_data"), SharedData.RequireFile("langdetect", "profiles"));
        if (tools.SentenceSplitter.Mode != "reference" || tools.LanguageDetector.Mode != "reference")
            Assert.Skip($"reference models not loadable (splitter {tools.SentenceSplitter.Mode}, detector {tools.LanguageDetector.Mode})");
        var results = new IfEvalScorer(tools).ScoreResponses(ReferenceData.Inputs(), ReferenceData.Gpt4Responses());
        var disagreements = ReferenceData.Disagreements(results, ReferenceData.Gpt4Verdicts(), _ => true);
        foreach (var d in disagreements) output.WriteLine(d);
        Assert.Empty(disagreements);

        var m = IfEvalMetrics.From(results);
        Assert.Equal(new PassCount(417, 541), m.PromptStrict);
        Assert.Equal(new PassCount(698, 834), m.InstructionStrict);
        Assert.Equal(new PassCount(431, 541), m.PromptLoose);
        Assert.Equal(new PassCount(714, 834), m.InstructionLoose);
    }

    /// <summary>
    /// The built-in sentence splitter and script-based language guesser, without any model files. The goal is 99.5%
    /// of verdicts; measured: 1,665 of 1,668 (99.8%). The 3 misses: key 1843 english_lowercase (strict and loose; a
    /// three-word lowercase title langdetect reads as es) and key 1174 number_sentences (loose, sentence counting). This
    /// pins the measured level so a regression shows; raising it is work on the fallbacks in Core/Text.
    /// </summary>
    [Fact]
    public void WithTheBuiltinFallbacksAtLeast99Point8PercentOfVerdictsAgree()
    {
        var results = new IfEvalScorer(Builtin.Value).ScoreResponses(ReferenceData.Inputs(), ReferenceData.Gpt4Responses());
        var disagreements = ReferenceData.Disagreements(results, ReferenceData.Gpt4Verdicts(), _ => true);
        foreach (var d in disagreements) output.WriteLine(d);
        var m = IfEvalMetrics.From(results);
        output.WriteLine($"builtin: prompt strict {m.PromptStrict.Passed}/541, instruction strict {m.InstructionStrict.Passed}/834, " +
            $"prompt loose {m.PromptLoose.Passed}/541, instruction loose {m.InstructionLoose.Passed}/834; {disagreements.Count} of 1668 verdicts differ");
        Assert.True(disagreements.Count <= 3, $"{disagreements.Count} of 1668 verdicts differ");
    }
}
