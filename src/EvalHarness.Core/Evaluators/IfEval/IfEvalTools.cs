using EvalHarness.Core.Text.LanguageDetection;
using EvalHarness.Core.Text.Punkt;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>
/// <see cref="IIfEvalTools"/> over the project's NLTK and langdetect ports: a sentence splitter (Punkt with the
/// reference model, or the built-in approximation) and a language detector (langdetect with its profiles, or the
/// built-in script guesser).
/// </summary>
internal sealed class IfEvalTools(ISentenceSplitter sentenceSplitter, ILanguageDetector languageDetector) : IIfEvalTools
{
    public ISentenceSplitter SentenceSplitter { get; } = sentenceSplitter;

    public ILanguageDetector LanguageDetector { get; } = languageDetector;

    /// <summary>
    /// Loads the reference models when they can be found — <paramref name="nltkData"/> or <c>NLTK_DATA</c> for Punkt,
    /// <paramref name="langdetectProfiles"/> or <c>LANGDETECT_PROFILES</c> for langdetect — and falls back to the
    /// built-in approximations otherwise; <see cref="ISentenceSplitter.Mode"/> and <see cref="ILanguageDetector.Mode"/>
    /// tell which ran.
    /// </summary>
    public static IfEvalTools Locate(string? nltkData = null, string? langdetectProfiles = null)
    {
        return new IfEvalTools(
            IfevalTextModels.CreateSentenceSplitter(nltkData), IfevalTextModels.CreateLanguageDetector(langdetectProfiles));
    }

    /// <summary>The built-in approximations only (no model files).</summary>
    public static IfEvalTools Builtin() => new(new ApproximateSentenceSplitter(), new ScriptLanguageGuesser());

    public int CountSentences(string text) => SentenceSplitter switch
    {
        PunktSentenceTokenizer punkt => punkt.CountSentences(text),
        ApproximateSentenceSplitter approx => approx.CountSentences(text),
        var other => other.Split(text).Count,
    };

    public IReadOnlyList<string> WordTokenize(string text) => NltkWordTokenizer.Tokenize(text, SentenceSplitter);

    public bool TryDetectLanguage(string text, out string language)
    {
        try
        {
            language = LanguageDetector.Detect(text);
            return true;
        }
        catch (LanguageDetectionException)
        {
            language = "";
            return false;
        }
    }
}
