using EvalHarness.Core.Evaluators.IfEval;

namespace EvalHarness.Core.Tests.Evaluators.IfEval;

/// <summary>Agreement with Google's checker on its GPT-4 responses (verdicts in ../shared/ifeval/reference).</summary>
public sealed class ReferenceAgreementTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryVerdictThatNeedsNoNltkOrLangdetectEqualsTheReference()
    {
        var results = new IfEvalScorer(new FakeTools()).ScoreResponses(ReferenceData.Inputs(), ReferenceData.Gpt4Responses());
        var disagreements = ReferenceData.Disagreements(results, ReferenceData.Gpt4Verdicts(), id => !ReferenceData.ToolDependentIds.Contains(id));
        foreach (var d in disagreements) output.WriteLine(d);
        Assert.Empty(disagreements);
    }
}
