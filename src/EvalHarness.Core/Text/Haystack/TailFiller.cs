using System.Text;

namespace EvalHarness.Core.Text.Haystack;

/// <summary>
/// Builds filler sentences with an exact o200k token count, to close the gap between a whole-sentence haystack prefix
/// and the target context length. Only words that are one token after a space are used, so a sentence of n tokens is
/// "Then" + n - 2 such words + ".", shaped "Then the A N V the A N and the A N ...".
/// </summary>
internal static class TailFiller
{
    /// <summary>Fewest tokens of one filler sentence (8 words and a full stop).</summary>
    public const int MinSentenceTokens = 9;

    /// <summary>Most tokens of one filler sentence (30 words and a full stop).</summary>
    public const int MaxSentenceTokens = 31;

    private static readonly Lazy<(string[] Adjectives, string[] Nouns, string[] Verbs)> Words = new(() => (
        SingleTokenWords(EssayWords.Adjectives), SingleTokenWords(EssayWords.Nouns), SingleTokenWords(EssayWords.Verbs)));

    /// <summary>
    /// Splits <paramref name="tokens"/> (0, or at least <see cref="MinSentenceTokens"/>) into as few filler sentences as
    /// possible and returns them; each costs its stated count after a space and before a space or line break.
    /// </summary>
    public static IReadOnlyList<(string Sentence, int Tokens)> Build(int tokens, StablePrng prng)
    {
        if (tokens == 0) return [];
        if (tokens < MinSentenceTokens) throw new ArgumentOutOfRangeException(nameof(tokens), tokens, "too few tokens for a sentence");
        var count = (tokens + MaxSentenceTokens - 1) / MaxSentenceTokens;
        var result = new List<(string, int)>(count);
        for (var i = 0; i < count; i++)
        {
            var n = tokens / count + (i < tokens % count ? 1 : 0);
            result.Add((Sentence(n, prng), n));
        }
        return result;
    }

    /// <summary>One sentence of exactly <paramref name="tokens"/> tokens when preceded by a space.</summary>
    public static string Sentence(int tokens, StablePrng prng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tokens, MinSentenceTokens);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tokens, MaxSentenceTokens);
        var (adjectives, nouns, verbs) = Words.Value;
        var words = tokens - 1; // the full stop is one token
        var chunks = (words - 8) / 4; // "and the A N"
        var extraAdjectives = (words - 8) % 4;
        var sb = new StringBuilder("Then");
        void NounPhrase(ref int extra)
        {
            sb.Append(" the ").Append(prng.Pick(adjectives));
            for (var k = 0; k < 2 && extra > 0; k++, extra--) sb.Append(' ').Append(prng.Pick(adjectives));
            sb.Append(' ').Append(prng.Pick(nouns));
        }
        NounPhrase(ref extraAdjectives);
        sb.Append(' ').Append(prng.Pick(verbs));
        NounPhrase(ref extraAdjectives);
        for (var i = 0; i < chunks; i++)
        {
            sb.Append(" and");
            NounPhrase(ref extraAdjectives);
        }
        return sb.Append('.').ToString();
    }

    private static string[] SingleTokenWords(string[] words)
    {
        var tokenizer = O200kTokenizer.Shared;
        return words.Where(w => tokenizer.CountTokens(" " + w) == 1).Distinct(StringComparer.Ordinal).ToArray();
    }
}
