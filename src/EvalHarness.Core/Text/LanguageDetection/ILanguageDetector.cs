namespace EvalHarness.Core.Text.LanguageDetection;

/// <summary>Identifies the language of a text, as IFEval's <c>langdetect.detect</c> calls need.</summary>
internal interface ILanguageDetector
{
    /// <summary><c>"reference"</c> for langdetect with its profiles, <c>"builtin"</c> for the script/function-word guesser.</summary>
    string Mode { get; }

    /// <summary>
    /// A language code such as <c>en</c> or <c>zh-cn</c>, or <c>unknown</c>. Throws <see cref="LanguageDetectionException"/>
    /// when the text has no features (langdetect's "No features in text."). Deterministic for a given text.
    /// </summary>
    string Detect(string text);
}
