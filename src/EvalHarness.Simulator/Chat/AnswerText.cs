using EvalHarness.Core.Text;

namespace EvalHarness.Simulator.Chat;

/// <summary>Cutting an answer to a token budget and into stream chunks.</summary>
internal static class AnswerText
{
    // Common English words are one token with their leading space; longer runs are cut. Digits go by threes, as o200k does.
    private const int MaxPieceChars = 10;
    private const int MaxDigits = 3;

    /// <summary>
    /// The longest prefix of <paramref name="text"/> of at most <paramref name="maxTokens"/> o200k tokens
    /// (binary search on prefix length: answers are short, and the tokenizer wrapper has no "first N tokens" call).
    /// </summary>
    public static string TruncateToTokens(string text, int maxTokens)
    {
        var tokenizer = O200kTokenizer.Shared;
        if (tokenizer.CountTokens(text) <= maxTokens) return text;
        int low = 0, high = text.Length; // invariant: prefix(low) fits, prefix(high) does not
        while (high - low > 1)
        {
            var mid = low + (high - low) / 2;
            if (char.IsLowSurrogate(text[mid])) mid--; // never split a surrogate pair
            if (mid <= low)
            {
                mid = low + (high - low) / 2 + 1;
                if (mid >= high) break;
            }

            if (tokenizer.CountTokens(text[..mid]) <= maxTokens) low = mid;
            else high = mid;
        }

        return text[..low];
    }

    /// <summary>
    /// Splits text into pieces of about one token, as a server streams them: a word with its leading space, a digit
    /// run, a punctuation run or a whitespace run, long runs cut. Concatenation gives the text back.
    /// </summary>
    public static List<string> SplitIntoPieces(string text)
    {
        var pieces = new List<string>(text.Length / 4 + 1);
        var start = 0;
        while (start < text.Length)
        {
            var end = start;
            // One leading space belongs to the following word, as in the o200k pre-tokenizer.
            if (text[end] == ' ' && end + 1 < text.Length && char.IsLetterOrDigit(text[end + 1])) end++;
            var kind = Kind(text[end]);
            end++;
            var limit = kind == 1 ? MaxDigits : MaxPieceChars;
            while (end < text.Length && Kind(text[end]) == kind && end - start < limit) end++;
            if (end < text.Length && char.IsLowSurrogate(text[end])) end++;
            pieces.Add(text[start..end]);
            start = end;
        }

        return pieces;
    }

    private static int Kind(char c) =>
        char.IsLetter(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark ? 0
        : char.IsDigit(c) ? 1
        : char.IsWhiteSpace(c) ? 2
        : 3;
}
