using System.Text.RegularExpressions;

namespace EvalHarness.Core.Text.Punkt;

/// <summary>
/// NLTK 3.8's <c>PunktSentenceTokenizer.tokenize</c> (with boundary realignment) over a loaded <see cref="PunktModel"/>,
/// as restated in §5.2 of the IFEval spec. Thread-safe: the instance holds only the immutable model.
/// </summary>
internal sealed class PunktSentenceTokenizer(PunktModel model) : ISentenceSplitter
{
    private static readonly string[] SentEndChars = [".", "?", "!"];
    private static readonly string[] OrthoPunctuation = [";", ":", ",", ".", "!", "?"];

    public PunktModel Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    public string Mode => "reference";

    public IReadOnlyList<string> Split(string text) => Tokenize(text);

    /// <summary>The sentences, as <c>tokenizer.tokenize(text)</c>.</summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        var spans = SpanTokenize(text);
        var sentences = new string[spans.Count];
        for (var i = 0; i < spans.Count; i++)
        {
            var (start, end) = spans[i];
            // Python slicing with start > end gives "".
            sentences[i] = end > start ? text[start..end] : string.Empty;
        }
        return sentences;
    }

    /// <summary>IFEval's <c>count_sentences</c>: the number of spans Punkt returns.</summary>
    public int CountSentences(string text) => SpanTokenize(text).Count;

    /// <summary>The sentence spans (UTF-16 offsets, end exclusive), as <c>span_tokenize(text)</c>.</summary>
    public IReadOnlyList<(int Start, int End)> SpanTokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slices = SlicesFromText(text);
        var result = new List<(int, int)>(slices.Count);
        var realign = 0;
        for (var i = 0; i < slices.Count; i++)
        {
            var start = slices[i].Start + realign;
            var end = slices[i].End;
            if (i == slices.Count - 1)
            {
                if (start < end) result.Add((start, end));
                break;
            }
            var (nextStart, nextEnd) = slices[i + 1];
            var next = nextEnd > nextStart ? text[nextStart..nextEnd] : string.Empty;
            var m = PunktPatterns.BoundaryRealignment.Match(next);
            if (m.Success)
            {
                // The closing quotes/brackets that open the next slice belong to this sentence.
                result.Add((start, nextStart + PythonText.RStripLength(m.Value)));
                realign = m.Index + m.Length;
            }
            else
            {
                realign = 0;
                if (start < end) result.Add((start, end));
            }
        }
        return result;
    }

    private List<(int Start, int End)> SlicesFromText(string text)
    {
        var slices = new List<(int, int)>();
        var lastBreak = 0;
        foreach (var (match, context) in PotentialEndContexts(text))
        {
            if (!TextContainsSentBreak(context)) continue;
            var end = match.Index + match.Length;
            slices.Add((lastBreak, end));
            var nextTok = match.Groups["next_tok"];
            lastBreak = nextTok.Success ? nextTok.Index : end;
        }
        slices.Add((lastBreak, PythonText.RStripLength(text)));
        return slices;
    }

    // NLTK 3.8 _match_potential_end_contexts, including its quirk: a whitespace at index 0 of the region counts as none.
    private static IEnumerable<(Match Match, string Context)> PotentialEndContexts(string text)
    {
        Match? previous = null;
        var previousStart = 0;
        var previousStop = 0;
        foreach (Match match in PunktPatterns.PeriodContext.Matches(text))
        {
            var k = LastAsciiWhitespaceIndex(text, previousStop, match.Index);
            var wordStart = k != 0 ? previousStop + k + 1 : previousStart;
            if (previous is not null && previousStop <= wordStart)
            {
                yield return (previous, Context(text, previousStart, previousStop, previous));
            }
            previous = match;
            previousStart = wordStart;
            previousStop = match.Index;
        }
        if (previous is not null) yield return (previous, Context(text, previousStart, previousStop, previous));
    }

    private static string Context(string text, int start, int stop, Match match) =>
        (stop > start ? text[start..stop] : string.Empty) + match.Value + match.Groups["after_tok"].Value;

    // Index within text[from..to] of its last char in Python's string.whitespace, or 0 when there is none.
    private static int LastAsciiWhitespaceIndex(string text, int from, int to)
    {
        for (var i = to - 1; i >= from; i--)
        {
            if (text[i] is ' ' or '\t' or '\n' or '\r' or '\v' or '\f') return i - from;
        }
        return 0;
    }

    internal bool TextContainsSentBreak(string context)
    {
        var tokens = TokenizeWords(context);
        foreach (var token in tokens) FirstPass(token);
        for (var i = 0; i + 1 < tokens.Count; i++) SecondPass(tokens[i], tokens[i + 1]);
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].SentBreak) return true;
        }
        return false;
    }

    private static List<PunktToken> TokenizeWords(string context)
    {
        var tokens = new List<PunktToken>();
        foreach (var line in context.Split('\n'))
        {
            if (PythonText.Strip(line).Length == 0) continue;
            foreach (Match m in PunktPatterns.WordToken.Matches(line)) tokens.Add(new PunktToken(m.Value));
        }
        return tokens;
    }

    private void FirstPass(PunktToken token)
    {
        var tok = token.Text;
        if (SentEndChars.Contains(tok, StringComparer.Ordinal))
        {
            token.SentBreak = true;
        }
        else if (token.IsEllipsis)
        {
            token.Ellipsis = true;
        }
        else if (token.PeriodFinal && !tok.EndsWith("..", StringComparison.Ordinal))
        {
            var withoutPeriod = PythonText.Lower(tok[..^1]);
            var lastPart = withoutPeriod[(withoutPeriod.LastIndexOf('-') + 1)..];
            if (Model.AbbrevTypes.Contains(withoutPeriod) || Model.AbbrevTypes.Contains(lastPart)) token.Abbr = true;
            else token.SentBreak = true;
        }
    }

    private void SecondPass(PunktToken a, PunktToken b)
    {
        if (!a.PeriodFinal) return;
        var typ = a.TypeNoPeriod;
        var nextTyp = b.TypeNoSentPeriod;
        var initial = a.IsInitial;

        if (Model.Collocations.Contains((typ, nextTyp)))
        {
            a.SentBreak = false;
            a.Abbr = true;
            return;
        }

        if ((a.Abbr || a.Ellipsis) && !initial)
        {
            if (OrthoHeuristic(b) == Ortho.True)
            {
                a.SentBreak = true;
                return;
            }
            if (b.FirstUpper && Model.SentStarters.Contains(nextTyp))
            {
                a.SentBreak = true;
                return;
            }
        }

        if (initial || typ == PunktToken.NumberType)
        {
            var h = OrthoHeuristic(b);
            if (h == Ortho.False)
            {
                a.SentBreak = false;
                a.Abbr = true;
                return;
            }
            if (h == Ortho.Unknown && initial && b.FirstUpper && (Model.GetOrthoContext(nextTyp) & PunktModel.Lc) == 0)
            {
                a.SentBreak = false;
                a.Abbr = true;
            }
        }
    }

    private Ortho OrthoHeuristic(PunktToken token)
    {
        if (OrthoPunctuation.Contains(token.Text, StringComparer.Ordinal)) return Ortho.False;
        var context = Model.GetOrthoContext(token.TypeNoSentPeriod);
        if (token.FirstUpper && (context & PunktModel.Lc) != 0 && (context & PunktModel.MidUc) == 0) return Ortho.True;
        if (token.FirstLower && ((context & PunktModel.Uc) != 0 || (context & PunktModel.BegLc) == 0)) return Ortho.False;
        return Ortho.Unknown;
    }

    private enum Ortho
    {
        Unknown,
        True,
        False,
    }
}
