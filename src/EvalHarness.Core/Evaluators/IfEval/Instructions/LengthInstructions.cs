using System.Text.RegularExpressions;
using System.Text;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Evaluators.IfEval.Instructions;

/// <summary><c>length_constraints:number_sentences</c> (§4.6): Punkt sentence count against the relation.</summary>
internal sealed class NumberSentences : IfEvalInstruction
{
    private readonly IIfEvalTools tools;
    private readonly int count;
    private readonly Relation relation;

    internal NumberSentences(InstructionKwargs kwargs, IIfEvalTools tools)
    {
        this.tools = tools;
        count = kwargs.Int("num_sentences");
        relation = kwargs.Relation("relation");
    }

    public override string Id => "length_constraints:number_sentences";

    public override bool Check(string text) => relation.Holds(tools.CountSentences(text), count);
}

/// <summary>
/// <c>length_constraints:number_paragraphs</c> (§4.7): pieces between <c>***</c> dividers must equal the count
/// exactly; a blank piece is allowed only first or last (and then not counted), anywhere else it fails.
/// </summary>
internal sealed partial class NumberParagraphs : IfEvalInstruction
{
    private readonly int count;

    internal NumberParagraphs(InstructionKwargs kwargs) => count = kwargs.Int("num_paragraphs");

    public override string Id => "length_constraints:number_paragraphs";

    public override bool Check(string text)
    {
        var pieces = Divider().Split(text);
        int n = pieces.Length;
        for (int i = 0; i < pieces.Length; i++)
        {
            if (!IfEvalText.IsBlank(pieces[i])) continue;
            if (i == 0 || i == pieces.Length - 1) n--;
            else return false;
        }
        return n == count;
    }

    [GeneratedRegex(PythonText.SpaceClass + @"?\*\*\*" + PythonText.SpaceClass + "?")]
    private static partial Regex Divider();
}

/// <summary><c>length_constraints:number_words</c> (§4.8): runs of Python <c>\w</c> against the relation.</summary>
internal sealed class NumberWords : IfEvalInstruction
{
    private readonly int count;
    private readonly Relation relation;

    internal NumberWords(InstructionKwargs kwargs)
    {
        count = kwargs.Int("num_words");
        relation = kwargs.Relation("relation");
    }

    public override string Id => "length_constraints:number_words";

    public override bool Check(string text) => relation.Holds(PythonText.CountWords(text), count);
}

/// <summary>
/// <c>length_constraints:nth_paragraph_first_word</c> (§4.9): paragraphs split on a literal "\n\n"; the count
/// ignores blank pieces but the index does not (a reference quirk kept on purpose).
/// </summary>
internal sealed class NthParagraphFirstWord : IfEvalInstruction
{
    private readonly int paragraphs;
    private readonly int nth;
    private readonly string firstWord;

    internal NthParagraphFirstWord(InstructionKwargs kwargs)
    {
        paragraphs = kwargs.Int("num_paragraphs");
        nth = kwargs.Int("nth_paragraph");
        if (nth <= 0 || nth > paragraphs) throw kwargs.Error("nth_paragraph", $"must be between 1 and num_paragraphs ({paragraphs})");
        firstWord = PythonText.Lower(kwargs.String("first_word"));
    }

    public override string Id => "length_constraints:nth_paragraph_first_word";

    public override bool Check(string text)
    {
        var pieces = text.Split("\n\n");
        int total = pieces.Count(p => !IfEvalText.IsBlank(p));
        if (nth > total) return false;
        var paragraph = PythonText.Strip(pieces[nth - 1]);
        if (paragraph.Length == 0) return false;
        var word = PythonText.Split(paragraph)[0].TrimStart('\'').TrimStart('"');
        var first = new StringBuilder();
        foreach (var c in word)
        {
            if (c is '.' or ',' or '?' or '!' or '\'' or '"') break;
            first.Append(c);
        }
        return total == paragraphs && string.Equals(PythonText.Lower(first.ToString()), firstWord, StringComparison.Ordinal);
    }
}
