using System.Text.RegularExpressions;

namespace EvalHarness.Core.Text.Punkt;

/// <summary>
/// NLTK 3.8 <c>PunktLanguageVars</c> regexes in .NET syntax, with Python's <c>\s</c>/<c>\S</c> (§1 of the IFEval spec).
/// </summary>
internal static class PunktPatterns
{
    private const string S = PythonText.SpaceClass;
    private const string N = PythonText.NonSpaceClass;

    // Characters that may follow an end mark directly (NLTK's NonWord).
    private const string NonWord = """[)";}\]*:@'({\[?!]""";

    private const string MultiChar = @"(?:-{2,}|\.{2,}|(?:\." + S + @"){2,}\.)";

    private const string WordStart = """(?=[^("`{\[:;&#*@)}\]\-,])""";

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    /// <summary>An end mark with its following context: punctuation or whitespace plus the next token.</summary>
    public static readonly Regex PeriodContext = new(
        @"[.?!](?=(?<after_tok>" + NonWord + "|" + S + "+(?<next_tok>" + N + "+)))",
        Options | RegexOptions.ExplicitCapture);

    /// <summary>Punkt's word tokenizer (<c>_word_tokenize_fmt</c>), used on each line of a candidate context.</summary>
    public static readonly Regex WordToken = new(
        MultiChar + "|" + WordStart + N + "+?(?=" + S + "|$|" + NonWord + "|" + MultiChar
            + "|,(?=$|" + S + "|" + NonWord + "|" + MultiChar + "))|" + N,
        Options);

    /// <summary>Closing punctuation that moves back onto the previous sentence (<c>re_boundary_realignment</c>).</summary>
    public static readonly Regex BoundaryRealignment = new(
        """\A["')\]}]+?(?:""" + S + "+|(?=--)|$)",
        Options | RegexOptions.Multiline);
}
