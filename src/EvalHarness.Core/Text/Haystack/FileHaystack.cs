using System.Text;

namespace EvalHarness.Core.Text.Haystack;

/// <summary>
/// A user haystack: the UTF-8 <c>*.txt</c> files of a folder in ordinal name order, joined by a blank line and
/// repeated until long enough (as gkamradt repeats the essays). Sentences end after . ! or ? (and closing quotes or
/// brackets) before whitespace, or at a blank line.
/// </summary>
internal static class FileHaystack
{
    /// <summary>Longest run without whitespace, or of whitespace, accepted (BPE cost is quadratic in a run's length).</summary>
    public const int MaxRun = 1000;

    public static string LoadText(string dir)
    {
        if (!Directory.Exists(dir)) throw new EvalInputException($"haystack folder '{dir}' does not exist");
        var files = Directory.GetFiles(dir, "*.txt").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new EvalInputException($"haystack folder '{dir}' has no .txt files");
        var utf8 = new UTF8Encoding(false, true);
        var parts = new List<string>(files.Length);
        foreach (var file in files)
        {
            string text;
            try
            {
                text = utf8.GetString(File.ReadAllBytes(file)).TrimStart('\uFEFF');
            }
            catch (DecoderFallbackException e)
            {
                throw new EvalInputException($"haystack file '{file}' is not valid UTF-8", e);
            }
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            CheckRuns(file, text);
            if (text.Length > 0) parts.Add(text);
        }
        if (parts.Count == 0) throw new EvalInputException($"haystack folder '{dir}' has only empty .txt files");
        return string.Join("\n\n", parts);
    }

    /// <summary>The text repeated (blank-line joined) to at least <paramref name="minTokens"/> tokens, cut into sentences.</summary>
    public static SentenceText Build(string text, int minTokens)
    {
        var tokenizer = O200kTokenizer.Shared;
        var once = tokenizer.CountTokens(text);
        if (once == 0) throw new EvalInputException("haystack files hold no text");
        var repeats = (int)Math.Max(1, (minTokens + (long)once) / once);
        var full = repeats == 1 ? text : string.Join("\n\n", Enumerable.Repeat(text, repeats));
        var (starts, ends) = SplitSentences(full);
        var tokenStarts = tokenizer.GetTokenStarts(full);
        var through = new int[ends.Count];
        var t = 0;
        for (var i = 0; i < ends.Count; i++)
        {
            while (t < tokenStarts.Length && tokenStarts[t] < ends[i]) t++;
            through[i] = t; // tokens starting before the sentence end: exact when the end is a token boundary
        }
        return new SentenceText(full, [.. starts], [.. ends], through);
    }

    internal static (List<int> Starts, List<int> Ends) SplitSentences(string text)
    {
        var starts = new List<int>();
        var ends = new List<int>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length) break;
            var start = i;
            var end = -1;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\n' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    end = i;
                    break;
                }
                i++;
                if (c is '.' or '!' or '?')
                {
                    while (i < text.Length && text[i] is '"' or '\'' or ')' or ']' or '\u201D' or '\u2019') i++;
                    if (i >= text.Length || char.IsWhiteSpace(text[i]))
                    {
                        end = i;
                        break;
                    }
                }
            }
            if (end < 0) end = text.Length;
            while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
            starts.Add(start);
            ends.Add(end);
            i = Math.Max(i, end);
        }
        return (starts, ends);
    }

    private static void CheckRuns(string file, string text)
    {
        var run = 0;
        var inSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var space = char.IsWhiteSpace(text[i]);
            run = space == inSpace ? run + 1 : 1;
            inSpace = space;
            if (run > MaxRun)
                throw new EvalInputException(
                    $"haystack file '{file}': a run of more than {MaxRun} {(space ? "whitespace" : "non-whitespace")} characters at char {i - run + 1}; tokenizing it would be very slow");
        }
    }
}
