using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.IfEval;
using EvalHarness.Simulator.Solvers;
using EvalHarness.TestSupport;
using EvalHarness.Core.Models;

namespace EvalHarness.Simulator.Tests.Solvers;

public sealed class IfEvalSolverTests(ITestOutputHelper output)
{
    private static readonly IfEvalSolver Solver = new();

    [Fact]
    public void RecognizesOnlyTheBuiltinPrompts()
    {
        var prompt = IfEvalBuiltinPrompts.Load()[0];
        Assert.True(Solver.Recognizes([new ChatMessage("user", prompt.Prompt)]));
        Assert.False(Solver.Recognizes([new ChatMessage("user", "Write a poem about the sea.")]));
    }

    [Fact]
    public void AnswersPassMostInstructionsOfTheBuiltinSet() => AssertPassRate(IfEvalTools.Builtin());

    [Fact]
    public void AnswersPassMostInstructionsWithTheReferenceModels() => AssertPassRate(IfEvalTools.Locate(
        SharedData.RequireFile("nltk_data"), SharedData.RequireFile("langdetect", "profiles")));

    // Measured with both tool sets: 128/129 prompts and 245/246 instructions strict (key 100071 asks for fewer
    // than N of a common letter, which the composer does not plan for).
    private void AssertPassRate(IfEvalTools tools)
    {
        var scorer = new IfEvalScorer(tools);
        var prompts = IfEvalBuiltinPrompts.Load();
        var results = prompts.Select(p => scorer.Score(p, Solver.Solve([new ChatMessage("user", p.Prompt)], 7))).ToList();
        foreach (var r in results.Where(r => !r.PromptStrict))
            output.WriteLine($"key {r.Key}: {string.Join(", ", r.InstructionIds.Where((_, i) => !r.Strict[i]))}");
        var metrics = IfEvalMetrics.From(results);
        output.WriteLine($"prompt strict {metrics.PromptStrict.Passed}/{metrics.PromptStrict.Total}, instruction strict {metrics.InstructionStrict.Passed}/{metrics.InstructionStrict.Total}");
        Assert.True(metrics.PromptStrict.Accuracy >= 0.9, $"prompt-level strict {metrics.PromptStrict.Accuracy:P1}");
        Assert.True(metrics.InstructionStrict.Accuracy >= 0.95, $"instruction-level strict {metrics.InstructionStrict.Accuracy:P1}");
    }

    [Fact]
    public void SameSeedSameAnswer()
    {
        var p = IfEvalBuiltinPrompts.Load()[3];
        Assert.Equal(Solver.Solve([new ChatMessage("user", p.Prompt)], 1), Solver.Solve([new ChatMessage("user", p.Prompt)], 1));
    }
}
