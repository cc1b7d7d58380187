using System.Text.RegularExpressions;
using EvalHarness.Core.Evaluators.IfEval;

namespace EvalHarness.Core.Tests.Evaluators.IfEval;

/// <summary>
/// A stand-in for Punkt and langdetect in unit tests of the checkers that use them: a naive sentence count, a
/// whitespace tokenizer and a fixed detected language (null = "No features in text").
/// </summary>
internal sealed partial class FakeTools(string? language = "en") : IIfEvalTools
{
    public int CountSentences(string text) => SentenceEnd().Split(text.Trim()).Count(s => s.Length > 0);

    public IReadOnlyList<string> WordTokenize(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    public bool TryDetectLanguage(string text, out string detected)
    {
        detected = language ?? "";
        return language is not null;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();
}
