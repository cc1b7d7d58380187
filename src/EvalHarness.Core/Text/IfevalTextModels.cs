using EvalHarness.Core.Text.LanguageDetection;
using EvalHarness.Core.Text.Punkt;

namespace EvalHarness.Core.Text;

/// <summary>
/// Picks IFEval's text components: the reference implementations when their third-party data is found (Punkt's
/// <c>punkt_tab/english</c>, langdetect's <c>profiles</c>), otherwise the built-in approximations. Check
/// <see cref="ISentenceSplitter.Mode"/> / <see cref="ILanguageDetector.Mode"/> to report which one scored a run.
/// </summary>
internal static class IfevalTextModels
{
    /// <summary>Punkt if <see cref="PunktModel.TryLocate"/> finds a model, else <see cref="ApproximateSentenceSplitter"/>.</summary>
    public static ISentenceSplitter CreateSentenceSplitter(string? nltkDataDirectory)
    {
        var model = PunktModel.TryLoad(nltkDataDirectory);
        return model is null ? new ApproximateSentenceSplitter() : new PunktSentenceTokenizer(model);
    }

    /// <summary>langdetect if <see cref="LangdetectDetector.TryLocate"/> finds profiles, else <see cref="ScriptLanguageGuesser"/>.</summary>
    public static ILanguageDetector CreateLanguageDetector(string? profilesDirectory)
    {
        var detector = LangdetectDetector.TryLoad(profilesDirectory);
        return detector is null ? new ScriptLanguageGuesser() : detector;
    }
}
