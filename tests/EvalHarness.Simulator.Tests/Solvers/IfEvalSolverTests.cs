using System.Text.RegularExpressions;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.IfEval;
using EvalHarness.Simulator.Solvers;

namespace EvalHarness.Simulator.Tests.Solvers;

public sealed partial class IfEvalSolverTests(ITestOutputHelper output)
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
    public void AnswersPassMostInstructionsOfTheBuiltinSet()
    {
        var scorer = new IfEvalScorer(new NaiveTools());
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

    /// <summary>
    /// Stand-ins for Punkt and langdetect: sentences end at . ! ? before whitespace, tokens split on whitespace and
    /// punctuation, and the language is guessed from the script (Latin = en) — enough to check the composer.
    /// </summary>
    private sealed partial class NaiveTools : IIfEvalTools
    {
        public int CountSentences(string text) => SentenceEnd().Split(text.Trim()).Count(s => s.Length > 0);

        public IReadOnlyList<string> WordTokenize(string text) => [.. Token().Matches(text).Select(m => m.Value)];

        public bool TryDetectLanguage(string text, out string language)
        {
            language = text.Any(c => c is >= '\u0900' and <= '\u097F') ? "hi"
                : text.Any(c => c is >= '\u0400' and <= '\u04FF') ? "ru"
                : text.Any(c => c is >= '\uAC00' and <= '\uD7AF') ? "ko"
                : text.Any(c => c is >= '\u3040' and <= '\u30FF') ? "ja"
                : text.Contains("Der ", StringComparison.Ordinal) ? "de"
                : text.Contains("Le ", StringComparison.Ordinal) ? "fr"
                : text.Contains("El ", StringComparison.Ordinal) ? "es"
                : text.Contains("Il ", StringComparison.Ordinal) ? "it"
                : text.Contains(" O melhor", StringComparison.Ordinal) || text.StartsWith("O melhor", StringComparison.Ordinal) ? "pt"
                : "en";
            return true;
        }

        [GeneratedRegex(@"(?<=[.!?])\s+")]
        private static partial Regex SentenceEnd();

        [GeneratedRegex(@"[\w.'-]+|[^\w\s]")]
        private static partial Regex Token();
    }
}
