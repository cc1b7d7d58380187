using EvalHarness.Core.Text;
namespace EvalHarness.Core.Evaluators.IfEval.Instructions;

/// <summary>
/// <c>startend:end_checker</c> (§4.20): strip whitespace, then all outer <c>"</c> (not whitespace again), lower,
/// and require the phrase at the very end.
/// </summary>
internal sealed class EndChecker : IfEvalInstruction
{
    private readonly string phrase;

    internal EndChecker(InstructionKwargs kwargs) =>
        phrase = PythonText.Lower(PythonText.Strip(kwargs.String("end_phrase")));

    public override string Id => "startend:end_checker";

    public override bool Check(string text) =>
        PythonText.Lower(PythonText.Strip(text).Trim('"')).EndsWith(phrase, StringComparison.Ordinal);
}

/// <summary><c>startend:quotation</c> (§4.25): the stripped text is longer than one character and wrapped in <c>"</c>.</summary>
internal sealed class Quotation : IfEvalInstruction
{
    public override string Id => "startend:quotation";

    public override bool Check(string text)
    {
        var v = PythonText.Strip(text);
        // Python's len counts code points; a 2-unit string that is one surrogate pair cannot start with '"' anyway.
        return v.Length > 1 && v[0] == '"' && v[^1] == '"';
    }
}

/// <summary><c>punctuation:no_comma</c> (§4.24): no U+002C anywhere; other comma-like characters are allowed.</summary>
internal sealed class NoComma : IfEvalInstruction
{
    public override string Id => "punctuation:no_comma";

    public override bool Check(string text) => !text.Contains(',', StringComparison.Ordinal);
}
