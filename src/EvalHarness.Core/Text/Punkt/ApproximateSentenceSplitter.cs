namespace EvalHarness.Core.Text.Punkt;

/// <summary>
/// A model-free English sentence splitter used when no Punkt model is available. It imitates Punkt's observable
/// behaviour (spec §8): a boundary is an end-mark run followed by whitespace or by punctuation; closing quotes/brackets
/// followed by whitespace stay with the first sentence; a newline alone never splits; ellipses and single-letter initials
/// do not split (Roman numerals do); a number + period splits unless a lowercase word follows; a few common
/// abbreviations split only before a typical sentence starter; e.g./i.e./etc./P.S. split like any word.
/// Counts are approximate (expect a few percent of texts to differ from Punkt).
/// </summary>
internal sealed class ApproximateSentenceSplitter : ISentenceSplitter
{
    // Written for this splitter (not NLTK's list): titles, company suffixes, months, places and time marks.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "vs", "v", "inc", "ltd", "co", "corp", "bros",
        "gen", "col", "lt", "capt", "sgt", "maj", "rep", "sen", "gov", "rev", "messrs", "ave", "blvd", "ft",
        "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "tues", "wed", "fri",
        "u.s", "u.k", "u.n", "u.s.a", "d.c", "l.a", "n.y", "a.m", "p.m", "ph.d", "j.k", "calif", "wash",
    };

    // Words that, capitalised after an abbreviation, usually start a new sentence.
    private static readonly HashSet<string> Starters = new(StringComparer.Ordinal)
    {
        "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "there", "here",
        "in", "on", "at", "but", "and", "however", "if", "when", "while", "so", "a", "an", "as", "after", "for",
        "what", "why", "how", "my", "our", "his", "her", "their", "some", "many", "most", "all", "each", "one",
    };

    public string Mode => "builtin";

    public IReadOnlyList<string> Split(string text) => Tokenize(text);

    /// <summary>The approximate sentence count (the stand-in for Punkt's <c>len(tokenize(text))</c>).</summary>
    public int CountSentences(string text) => Tokenize(text).Count;

    /// <summary>The sentences, without surrounding whitespace; closing quotes/brackets stay with their sentence.</summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<string>();
        var end = PythonText.RStripLength(text);
        var start = 0;
        while (start < end && PythonText.IsSpace(text[start])) start++;
        var i = start;
        while (i < end)
        {
            if (text[i] is not ('.' or '?' or '!'))
            {
                i++;
                continue;
            }
            var markStart = i;
            while (i < end && text[i] is '.' or '?' or '!') i++;
            var markEnd = i;
            if (i >= end) break;

            // After whitespace or punctuation the next sentence may start; anything else ("Hi!How", "3.5") is no boundary.
            int nextStart;
            if (PythonText.IsSpace(text[i])) nextStart = SkipSpaces(text, i, end);
            else if (FollowsDirectly(text[i])) nextStart = markEnd;
            else continue;

            // Punkt's realignment: closing quotes/brackets that open the next sentence and are followed by whitespace
            // (or the end) join this one; otherwise the break stays right after the mark, even inside '!",' or '?*"'.
            var sentenceEnd = markEnd;
            var k = nextStart;
            while (k < end && IsCloser(text[k])) k++;
            if (k > nextStart && (k >= end || PythonText.IsSpace(text[k]) || text.AsSpan(k).StartsWith("--")))
            {
                sentenceEnd = k;
                nextStart = SkipSpaces(text, k, end);
            }

            if (!IsBoundary(text, markStart, markEnd, nextStart)) continue;
            sentences.Add(text[start..sentenceEnd]);
            start = nextStart;
            i = Math.Max(i, nextStart);
        }
        if (start < end) sentences.Add(text[start..end]);
        return sentences;
    }

    private static int SkipSpaces(string text, int i, int end)
    {
        while (i < end && PythonText.IsSpace(text[i])) i++;
        return i;
    }

    // Punctuation that Punkt accepts right after an end mark (its NonWord class, minus the end marks themselves).
    private static bool FollowsDirectly(char c) => c is ')' or '"' or ';' or '}' or ']' or '*' or ':' or '@' or '\'' or '(' or '{' or '[';

    // Punkt's re_boundary_realignment class.
    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '}';

    private static bool IsBoundary(string text, int markStart, int markEnd, int nextStart)
    {
        var marks = text[markStart..markEnd];
        if (marks.Contains('?') || marks.Contains('!')) return true;
        if (marks.Length > 1) return false; // an ellipsis rarely ends a Punkt sentence

        var wordStart = markStart;
        while (wordStart > 0 && !PythonText.IsSpace(text[wordStart - 1])) wordStart--;
        var word = PythonText.Lower(text[wordStart..markStart].TrimStart('(', '"', '\'', '“', '‘', '[', '*'));
        var next = NextWord(text, nextStart);
        var nextUpper = next.Length > 0 && PythonText.IsUppercaseChar(PythonText.FirstCodePoint(next));
        var nextLower = next.Length > 0 && PythonText.IsLowercaseChar(PythonText.FirstCodePoint(next));

        if (word.Length == 0) return true;
        if (IsNumber(word)) return !nextLower;
        if (IsRomanNumeral(word)) return true; // outline labels "I." "II." "IV."
        if (word.Length == 1 && char.IsLetter(word[0])) return false; // initials and outline labels "A." "B."
        if (Abbreviations.Contains(word)) return nextUpper && Starters.Contains(PythonText.Lower(next));
        return true; // includes e.g., i.e., etc., P.S. and unknown acronyms, which Punkt's model lacks too
    }

    private static string NextWord(string text, int start)
    {
        var i = start;
        while (i < text.Length && PythonText.IsWordChar(text[i])) i++;
        return text[start..i];
    }

    private static bool IsNumber(string word) =>
        word.Any(char.IsAsciiDigit) && word.All(c => char.IsAsciiDigit(c) || c is ',' or '.' or '-');

    private static bool IsRomanNumeral(string word) =>
        word == "i" || (word.Length > 1 && word.All(c => c is 'i' or 'v' or 'x'));
}
