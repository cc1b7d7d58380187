using System.Text.RegularExpressions;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Evaluators.IfEval.Instructions;

/// <summary><c>detectable_content:number_placeholders</c> (§4.10): at least N matches of <c>\[.*?\]</c>.</summary>
internal sealed partial class NumberPlaceholders : IfEvalInstruction
{
    private readonly int count;

    internal NumberPlaceholders(InstructionKwargs kwargs) => count = kwargs.Int("num_placeholders");

    public override string Id => "detectable_content:number_placeholders";

    public override bool Check(string text) => Placeholder().Count(text) >= count;

    [GeneratedRegex(@"\[.*?\]")]
    private static partial Regex Placeholder();
}

/// <summary>
/// <c>detectable_content:postscript</c> (§4.11): the marker searched anywhere (not anchored) in the lowered text.
/// Any marker other than the two known ones is inserted raw into the pattern, as the reference does.
/// </summary>
internal sealed class Postscript : IfEvalInstruction
{
    private readonly Regex pattern;

    internal Postscript(InstructionKwargs kwargs)
    {
        var marker = PythonText.Strip(kwargs.String("postscript_marker"));
        const string S = PythonText.SpaceClass;
        // The reference pattern starts with \s*, which can match empty, so it never decides whether a match exists;
        // leaving it out lets the regex engine search for the marker's first character directly.
        var source = marker switch
        {
            "P.P.S" => $@"p\.{S}?p\.{S}?s.*$",
            "P.S." => $@"p\.{S}?s\..*$",
            _ => $"(?:{PythonText.Lower(marker)}).*$",
        };
        pattern = Pattern(kwargs, "postscript_marker", source, RegexOptions.Multiline);
    }

    public override string Id => "detectable_content:postscript";

    public override bool Check(string text) => pattern.IsMatch(PythonText.Lower(text));
}
