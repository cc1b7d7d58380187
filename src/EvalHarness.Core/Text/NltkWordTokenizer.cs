using System.Text.RegularExpressions;

namespace EvalHarness.Core.Text;

/// <summary>
/// NLTK 3.8's <c>word_tokenize(text)</c>: a sentence split, then the improved Treebank tokenizer
/// (<c>NLTKWordTokenizer</c>) on each sentence (§5.3 of the IFEval spec). Python's <c>\w</c>, <c>\s</c>, <c>\b</c> and
/// IGNORECASE (which also equates i/İ/ı and s/ſ) are spelled out so .NET's different defaults do not leak in.
/// </summary>
internal static class NltkWordTokenizer
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

    // Each rule has a guard: a cheap test that is true whenever the pattern can match (a character or literal every match
    // contains). A rule whose guard fails is skipped, which is exactly what Replace would return; most sentences have
    // no quotes, brackets or contractions.
    private static readonly Rule[] StartingQuotes =
    [
        new("([«“‘„]|[`]+)", " $1 ", t => t.AsSpan().IndexOfAny("«“‘„`") >= 0),
        new("^\"", "``", t => t.StartsWith('"')),
        new("(``)", " $1 ", t => t.Contains("``", StringComparison.Ordinal)),
        new("""([ (\[{<])("|'{2})""", "$1 `` ", t => t.AsSpan().IndexOfAny("\"'") >= 0),
        new("(')(?!" + Ci("re") + "|" + Ci("ve") + "|" + Ci("ll") + "|" + Ci("m") + "|" + Ci("t") + "|" + Sx
            + "|" + Ci("d") + "|" + Ci("n") + ")(" + W + ")" + Br, "$1 $2", HasApostrophe),
    ];

    private static readonly Rule[] Punctuation =
    [
        new(@"([^.])(\.)([\])}>""'»”’ ]*)" + S + "*$", "$1 $2 $3 ", HasPeriod),
        new(@"([:,])([^\d])", " $1 $2", HasColonOrComma),
        new("([:,])$", " $1 ", HasColonOrComma),
        new(@"\.{2,}", " $0 ", HasPeriod),
        new("[;@#$%&]", " $0 ", t => t.AsSpan().IndexOfAny(";@#$%&") >= 0),
        new(@"([^.])(\.)([\])}>""']*)" + S + "*$", "$1 $2$3 ", HasPeriod),
        new("[?!]", " $0 ", t => t.AsSpan().IndexOfAny("?!") >= 0),
        new("([^'])' ", "$1 ' ", t => t.Contains("' ", StringComparison.Ordinal)),
        new("[*]", " $0 ", t => t.Contains('*')),
        new(@"[\][(){}<>]", " $0 ", t => t.AsSpan().IndexOfAny("[](){}<>") >= 0),
        new("--", " -- ", t => t.Contains("--", StringComparison.Ordinal)),
    ];

    private static readonly Rule[] EndingQuotes =
    [
        new("([»”’])", " $1 ", t => t.AsSpan().IndexOfAny("»”’") >= 0),
        new("''", " '' ", t => t.Contains("''", StringComparison.Ordinal)),
        new("\"", " '' ", t => t.Contains('"')),
        new("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 ", HasApostrophe),
        new("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 ", HasApostrophe),
    ];

    // The guards look for an ASCII literal every match contains, ignoring ASCII case (the patterns' Python IGNORECASE
    // extras only concern i, s and k, which the guard literals avoid).
    private static readonly Rule[] Contractions =
    [
        new(Bl + "(" + Ci("can") + ")(" + Ci("not") + ")" + Br, " $1 $2 ", t => HasLiteral(t, "not")),
        new(Bl + "(" + Ci("d") + ")('" + Ci("ye") + ")" + Br, " $1 $2 ", HasApostrophe),
        new(Bl + "(" + Ci("gim") + ")(" + Ci("me") + ")" + Br, " $1 $2 ", t => HasLiteral(t, "mme")),
        new(Bl + "(" + Ci("gon") + ")(" + Ci("na") + ")" + Br, " $1 $2 ", t => HasLiteral(t, "nna")),
        new(Bl + "(" + Ci("got") + ")(" + Ci("ta") + ")" + Br, " $1 $2 ", t => HasLiteral(t, "tta")),
        new(Bl + "(" + Ci("lem") + ")(" + Ci("me") + ")" + Br, " $1 $2 ", t => HasLiteral(t, "mme")),
        new(Bl + "(" + Ci("more") + ")('" + Ci("n") + ")" + Br, " $1 $2 ", HasApostrophe),
        new(Bl + "(" + Ci("wan") + ")(" + Ci("na") + ")(?=" + S + ")", " $1 $2 ", t => HasLiteral(t, "nna")),
        new(" ('" + Ci("t") + ")(" + Ci("is") + ")" + Br, " $1 $2 ", HasApostrophe),
        new(" ('" + Ci("t") + ")(" + Ci("was") + ")" + Br, " $1 $2 ", HasApostrophe),
    ];

    private static bool HasApostrophe(string text) => text.Contains('\'');

    private static bool HasPeriod(string text) => text.Contains('.');

    private static bool HasColonOrComma(string text) => text.AsSpan().IndexOfAny(":,") >= 0;

    private static bool HasLiteral(string text, string asciiLower) => text.Contains(asciiLower, StringComparison.OrdinalIgnoreCase);

    private sealed class Rule(string pattern, string replacement, Func<string, bool> mayMatch)
    {
        private readonly Regex regex = new(pattern, Options);

        public string Apply(string text) => mayMatch(text) ? regex.Replace(text, replacement) : text;
    }

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
        foreach (var rule in StartingQuotes) text = rule.Apply(text);
        foreach (var rule in Punctuation) text = rule.Apply(text);
        text = " " + text + " ";
        foreach (var rule in EndingQuotes) text = rule.Apply(text);
        foreach (var rule in Contractions) text = rule.Apply(text);
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
