using EvalHarness.Core.Text;
namespace EvalHarness.Core.Evaluators.IfEval.Instructions;

/// <summary>
/// <c>change_case:capital_word_frequency</c> (§4.21): tokens of <c>nltk.word_tokenize</c> that are
/// <c>isupper()</c>, against the relation.
/// </summary>
internal sealed class CapitalWordFrequency : IfEvalInstruction
{
    private readonly IIfEvalTools tools;
    private readonly int frequency;
    private readonly Relation relation;

    internal CapitalWordFrequency(InstructionKwargs kwargs, IIfEvalTools tools)
    {
        this.tools = tools;
        frequency = kwargs.Int("capital_frequency");
        relation = kwargs.Relation("capital_relation");
    }

    public override string Id => "change_case:capital_word_frequency";

    public override bool Check(string text) =>
        relation.Holds(tools.WordTokenize(text).Count(PythonText.IsUpper), frequency);
}

/// <summary>
/// <c>change_case:english_capital</c> (§4.22): <c>isupper()</c> and detected as <c>en</c>; detection runs only when
/// the case test passes, and a detection failure ("No features in text") passes.
/// </summary>
internal sealed class EnglishCapital(IIfEvalTools tools) : IfEvalInstruction
{
    public override string Id => "change_case:english_capital";

    public override bool Check(string text) => PythonText.IsUpper(text) && LanguageIs(tools, text, "en");

    internal static bool LanguageIs(IIfEvalTools tools, string text, string code) =>
        !tools.TryDetectLanguage(text, out var detected) || string.Equals(detected, code, StringComparison.Ordinal);
}

/// <summary><c>change_case:english_lowercase</c> (§4.23): the mirror image of <see cref="EnglishCapital"/>.</summary>
internal sealed class EnglishLowercase(IIfEvalTools tools) : IfEvalInstruction
{
    public override string Id => "change_case:english_lowercase";

    public override bool Check(string text) => PythonText.IsLower(text) && EnglishCapital.LanguageIs(tools, text, "en");
}

/// <summary>
/// <c>language:response_language</c> (§4.5): langdetect returns exactly the code; a detection failure passes and
/// <c>unknown</c> fails.
/// </summary>
internal sealed class ResponseLanguage : IfEvalInstruction
{
    private readonly IIfEvalTools tools;
    private readonly string language;

    internal ResponseLanguage(InstructionKwargs kwargs, IIfEvalTools tools)
    {
        this.tools = tools;
        language = kwargs.String("language");
    }

    public override string Id => "language:response_language";

    public override bool Check(string text) => EnglishCapital.LanguageIs(tools, text, language);
}
