using System.Text.RegularExpressions;

namespace EvalHarness.Core.Text;

/// <summary>
/// NLTK 3.8's <c>word_tokenize(text)</c>: a sentence split, then the improved Treebank tokenizer
/// (<c>NLTKWordTokenizer</c>) on each sentence (§5.3 of the IFEval spec). Python's <c>\w</c>, <c>\s</c>, <c>\b</c> and
/// IGNORECASE (which also equates i/İ/ı and s/ſ) are spelled out so .NET's different defaults do not leak in.
/// </summary>
public static class NltkWordTokenizer
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;
    private const string W = PythonText.WordClass;
    private const string S = PythonText.SpaceClass;
    // Python \b next to a known word character: before it "not preceded by \w", after it "not followed by \w".
    // Equivalent to PythonText.WordBoundary there, and lets .NET search for the literal prefix.
    private const string Bl = "(?<!" + W + ")";
    private const string Br = "(?!" + W + ")";

    // Python IGNORECASE on these letters (Unicode simple case folding plus sre's extra equivalences).
    private const string I = "[iIİı]";
    private const string Sx = "[sSſ]";

    private static readonly (Regex Pattern, string Replacement)[] StartingQuotes =
    [
        (new Regex("([«“‘„]|[`]+)", Options), " $1 "),
        (new Regex("^\"", Options), "``"),
        (new Regex("(``)", Options), " $1 "),
        (new Regex("""([ (\[{<])("|'{2})""", Options), "$1 `` "),
        (new Regex("(')(?!" + Ci("re") + "|" + Ci("ve") + "|" + Ci("ll") + "|" + Ci("m") + "|" + Ci("t") + "|" + Sx
            + "|" + Ci("d") + "|" + Ci("n") + ")(" + W + ")" + Br, Options), "$1 $2"),
    ];

    private static readonly (Regex Pattern, string Replacement)[] Punctuation =
    [
        (new Regex(@"([^.])(\.)([\])}>""'»”’ ]*)" + S + "*$", Options), "$1 $2 $3 "),
        (new Regex(@"([:,])([^\d])", Options), " $1 $2"),
        (new Regex("([:,])$", Options), " $1 "),
        (new Regex(@"\.{2,}", Options), " $0 "),
        (new Regex("[;@#$%&]", Options), " $0 "),
        (new Regex(@"([^.])(\.)([\])}>""']*)" + S + "*$", Options), "$1 $2$3 "),
        (new Regex("[?!]", Options), " $0 "),
        (new Regex("([^'])' ", Options), "$1 ' "),
        (new Regex("[*]", Options), " $0 "),
        (new Regex(@"[\][(){}<>]", Options), " $0 "),
        (new Regex("--", Options), " -- "),
    ];

    private static readonly (Regex Pattern, string Replacement)[] EndingQuotes =
    [
        (new Regex("([»”’])", Options), " $1 "),
        (new Regex("''", Options), " '' "),
        (new Regex("\"", Options), " '' "),
        (new Regex("([^' ])('[sS]|'[mM]|'[dD]|') ", Options), "$1 $2 "),
        (new Regex("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", Options), "$1 $2 "),
    ];

    private static readonly Regex[] Contractions =
    [
        new(Bl + "(" + Ci("can") + ")(" + Ci("not") + ")" + Br, Options),
        new(Bl + "(" + Ci("d") + ")('" + Ci("ye") + ")" + Br, Options),
        new(Bl + "(" + Ci("gim") + ")(" + Ci("me") + ")" + Br, Options),
        new(Bl + "(" + Ci("gon") + ")(" + Ci("na") + ")" + Br, Options),
        new(Bl + "(" + Ci("got") + ")(" + Ci("ta") + ")" + Br, Options),
        new(Bl + "(" + Ci("lem") + ")(" + Ci("me") + ")" + Br, Options),
        new(Bl + "(" + Ci("more") + ")('" + Ci("n") + ")" + Br, Options),
        new(Bl + "(" + Ci("wan") + ")(" + Ci("na") + ")(?=" + S + ")", Options),
        new(" ('" + Ci("t") + ")(" + Ci("is") + ")" + Br, Options),
        new(" ('" + Ci("t") + ")(" + Ci("was") + ")" + Br, Options),
    ];

    /// <summary><c>nltk.word_tokenize(text)</c>: the tokens of every sentence that <paramref name="splitter"/> finds.</summary>
    public static IReadOnlyList<string> Tokenize(string text, ISentenceSplitter splitter)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(splitter);
        var tokens = new List<string>();
        foreach (var sentence in splitter.Split(text)) tokens.AddRange(TokenizeSentence(sentence));
        return tokens;
    }

    /// <summary><c>NLTKWordTokenizer().tokenize(sentence)</c> on one sentence.</summary>
    public static IReadOnlyList<string> TokenizeSentence(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var text = sentence;
        foreach (var (pattern, replacement) in StartingQuotes) text = pattern.Replace(text, replacement);
        foreach (var (pattern, replacement) in Punctuation) text = pattern.Replace(text, replacement);
        text = " " + text + " ";
        foreach (var (pattern, replacement) in EndingQuotes) text = pattern.Replace(text, replacement);
        foreach (var pattern in Contractions) text = pattern.Replace(text, " $1 $2 ");
        return PythonText.Split(text);
    }

    // A case-insensitive literal in Python's sense, as explicit classes (no .NET culture rules involved).
    private static string Ci(string word) => string.Concat(word.Select(c => c switch
    {
        'i' => I,
        's' => Sx,
        'k' => "[kKK]",
        _ when char.IsAsciiLetter(c) => "[" + char.ToLowerInvariant(c) + char.ToUpperInvariant(c) + "]",
        _ => Regex.Escape(c.ToString()),
    }));
}
