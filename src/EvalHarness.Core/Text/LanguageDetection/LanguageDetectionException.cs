namespace EvalHarness.Core.Text.LanguageDetection;

/// <summary>langdetect's <c>LangDetectException</c>: raised when the text has no usable features.</summary>
internal sealed class LanguageDetectionException : Exception
{
    public const string NoFeaturesMessage = "No features in text.";

    public LanguageDetectionException() : base(NoFeaturesMessage)
    {
    }

    public LanguageDetectionException(string message) : base(message)
    {
    }

    public LanguageDetectionException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
