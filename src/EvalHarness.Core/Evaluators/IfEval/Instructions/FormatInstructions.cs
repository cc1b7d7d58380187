using System.Text.RegularExpressions;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Evaluators.IfEval.Instructions;

/// <summary>
/// <c>detectable_format:number_bullet_lists</c> (§4.12): exactly N lines matching <c>^\s*\*[^\*].*$</c> or
/// <c>^\s*-.*$</c>; any line starting with <c>-</c> counts, and a lone <c>*</c> line swallows the next one.
/// </summary>
internal sealed partial class NumberBulletLists : IfEvalInstruction
{
    private readonly int count;

    internal NumberBulletLists(InstructionKwargs kwargs) => count = kwargs.Int("num_bullets");

    public override string Id => "detectable_format:number_bullet_lists";

    public override bool Check(string text) => StarBullet().Count(text) + DashBullet().Count(text) == count;

    [GeneratedRegex("^" + PythonText.SpaceClass + @"*\*[^\*].*$", RegexOptions.Multiline)]
    private static partial Regex StarBullet();

    [GeneratedRegex("^" + PythonText.SpaceClass + "*-.*$", RegexOptions.Multiline)]
    private static partial Regex DashBullet();
}

/// <summary><c>detectable_format:constrained_response</c> (§4.13): one of the three exact answers anywhere.</summary>
internal sealed class ConstrainedResponse : IfEvalInstruction
{
    private static readonly string[] Options = ["My answer is yes.", "My answer is no.", "My answer is maybe."];

    public override string Id => "detectable_format:constrained_response";

    public override bool Check(string text)
    {
        var stripped = PythonText.Strip(text);
        return Options.Any(o => stripped.Contains(o, StringComparison.Ordinal));
    }
}

/// <summary>
/// <c>detectable_format:number_highlighted_sections</c> (§4.14): single-star and double-star spans counted
/// separately (so <c>***x***</c> counts twice); at least N.
/// </summary>
internal sealed partial class NumberHighlightedSections : IfEvalInstruction
{
    private readonly int count;

    internal NumberHighlightedSections(InstructionKwargs kwargs) => count = kwargs.Int("num_highlights");

    public override string Id => "detectable_format:number_highlighted_sections";

    public override bool Check(string text)
    {
        int n = 0;
        foreach (Match m in Single().Matches(text))
        {
            if (!IfEvalText.IsBlank(m.Value.Trim('*'))) n++;
        }
        foreach (Match m in Double().Matches(text))
        {
            // removeprefix("**").removesuffix("**"): the match always has both, so drop two on each side.
            if (!IfEvalText.IsBlank(m.Value[2..^2])) n++;
        }
        return n >= count;
    }

    [GeneratedRegex(@"\*[^\n\*]*\*")]
    private static partial Regex Single();

    [GeneratedRegex(@"\*\*[^\n\*]*\*\*")]
    private static partial Regex Double();
}

/// <summary>
/// <c>detectable_format:multiple_sections</c> (§4.15): at least N matches of
/// <c>\s?</c> + splitter (raw, case-sensitive) + <c>\s?\d+\s?</c>, anywhere in the text.
/// </summary>
internal sealed class MultipleSections : IfEvalInstruction
{
    private readonly Regex pattern;
    private readonly int count;

    internal MultipleSections(InstructionKwargs kwargs)
    {
        const string S = PythonText.SpaceClass;
        var splitter = PythonText.Strip(kwargs.String("section_spliter"));
        pattern = Pattern(kwargs, "section_spliter", $@"{S}?{splitter}{S}?\d+{S}?", RegexOptions.None);
        count = kwargs.Int("num_sections");
    }

    public override string Id => "detectable_format:multiple_sections";

    // len(re.split(...)) - 1 is the number of matches: the pattern needs a digit, so it never matches empty.
    public override bool Check(string text) => pattern.Count(text) >= count;
}

/// <summary>
/// <c>detectable_format:json_format</c> (§4.16): fence prefixes removed in sequence, then Python
/// <c>json.loads</c> acceptance (see <see cref="PythonJson"/>).
/// </summary>
internal sealed class JsonFormat : IfEvalInstruction
{
    public override string Id => "detectable_format:json_format";

    public override bool Check(string text)
    {
        var v = PythonText.Strip(text);
        v = RemovePrefix(v, "```json");
        v = RemovePrefix(v, "```Json");
        v = RemovePrefix(v, "```JSON");
        v = RemovePrefix(v, "```");
        if (v.EndsWith("```", StringComparison.Ordinal)) v = v[..^3];
        return PythonJson.IsValid(PythonText.Strip(v));
    }

    private static string RemovePrefix(string s, string prefix) =>
        s.StartsWith(prefix, StringComparison.Ordinal) ? s[prefix.Length..] : s;
}

/// <summary><c>detectable_format:title</c> (§4.17): some <c>&lt;&lt;[^\n]+&gt;&gt;</c> with non-blank inner text.</summary>
internal sealed partial class Title : IfEvalInstruction
{
    public override string Id => "detectable_format:title";

    public override bool Check(string text)
    {
        foreach (Match m in TitlePattern().Matches(text))
        {
            if (!IfEvalText.IsBlank(m.Value.TrimStart('<').TrimEnd('>'))) return true;
        }
        return false;
    }

    [GeneratedRegex(@"<<[^\n]+>>")]
    private static partial Regex TitlePattern();
}
