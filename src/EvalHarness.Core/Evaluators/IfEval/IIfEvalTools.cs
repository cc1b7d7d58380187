namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>
/// The NLTK and langdetect pieces the checkers need, injected so the checkers stay pure and testable:
/// Punkt sentence counting (spec §5.2), <c>nltk.word_tokenize</c> (§5.3) and <c>langdetect.detect</c> (§7).
/// </summary>
internal interface IIfEvalTools
{
    /// <summary>Number of sentences Punkt finds in <paramref name="text"/>.</summary>
    int CountSentences(string text);

    /// <summary>The tokens of <c>nltk.word_tokenize(text)</c>.</summary>
    IReadOnlyList<string> WordTokenize(string text);

    /// <summary>
    /// The language code langdetect returns (possibly <c>unknown</c>); false when detection raises
    /// ("No features in text"), which the reference treats as a pass.
    /// </summary>
    bool TryDetectLanguage(string text, out string language);
}
