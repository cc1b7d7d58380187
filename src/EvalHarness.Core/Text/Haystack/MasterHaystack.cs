using System.Collections.Concurrent;
using System.Text;

namespace EvalHarness.Core.Text.Haystack;

/// <summary>
/// The master haystack per (seed, kind): one long generated text that every context length uses a prefix of, so
/// different lengths share their leading text (and a provider's prefix cache can hit). Built once per seed and kind,
/// regenerated larger on demand (the sentence stream is fixed, so a larger master extends the smaller one).
/// </summary>
internal static class MasterHaystack
{
    private const string ParagraphSeparator = "\n\n";

    private static readonly ConcurrentDictionary<(ulong Seed, HaystackKind Kind), Lazy<SentenceText>> Cache = new();

    /// <summary>A master haystack of at least <paramref name="minTokens"/> tokens (cached).</summary>
    public static SentenceText Get(ulong seed, HaystackKind kind, int minTokens)
    {
        var key = (seed, kind);
        while (true)
        {
            var lazy = Cache.GetOrAdd(key, _ => new Lazy<SentenceText>(() => Build(seed, kind, Grow(minTokens))));
            var master = lazy.Value;
            if (master.TotalTokens >= minTokens) return master;
            var bigger = new Lazy<SentenceText>(() => Build(seed, kind, Grow(minTokens)));
            if (Cache.TryUpdate(key, bigger, lazy)) return bigger.Value;
        }
    }

    // Room for a few sizes above the request, so a grid asks for one build rather than one per length.
    private static int Grow(int minTokens) => (int)Math.Min(int.MaxValue / 2, Math.Max(4096L, minTokens * 5L / 4));

    /// <summary>
    /// Generates sentences until <paramref name="minTokens"/> is reached. Token counts are computed per sentence and
    /// summed: every sentence starts with a letter and ends with a letter and a full stop, so o200k's pre-tokenizer
    /// splits at each seam (". The" into "." and " The"); only a paragraph break merges the full stop with the blank
    /// line (".\n\n"), which is accounted for once per paragraph.
    /// </summary>
    internal static SentenceText Build(ulong seed, HaystackKind kind, int minTokens)
    {
        var essay = new EssayGenerator(StablePrng.Mix(unchecked((long)seed), (long)kind, 0x6861_7973));
        var noiseIndex = 0;
        return kind == HaystackKind.Essay
            ? FromSentences(essay.NextSentence, essay.NextParagraphLength, minTokens)
            : FromSentences(() => EssayWords.NoiseUnit[noiseIndex++ % EssayWords.NoiseUnit.Length], () => EssayWords.NoiseUnit.Length, minTokens);
    }

    /// <summary>
    /// Joins generated sentences (one space within a paragraph, a blank line between paragraphs) until
    /// <paramref name="minTokens"/> is reached. Each sentence must end with a letter or digit and a full stop, with no
    /// leading or trailing space, so that token counts add up across seams as described on <see cref="Build"/>.
    /// </summary>
    public static SentenceText FromSentences(Func<string> nextSentence, Func<int> nextParagraphLength, int minTokens)
    {
        var tokenizer = O200kTokenizer.Shared;
        var paragraphDelta = tokenizer.CountTokens("." + ParagraphSeparator) - tokenizer.CountTokens(".");
        var sb = new StringBuilder(minTokens * 5);
        var starts = new List<int>();
        var ends = new List<int>();
        var through = new List<int>();
        var tokens = 0;
        while (tokens < minTokens)
        {
            var paragraphLength = nextParagraphLength();
            for (var i = 0; i < paragraphLength; i++)
            {
                var sentence = nextSentence();
                if (i > 0) sb.Append(' ');
                starts.Add(sb.Length);
                sb.Append(sentence);
                ends.Add(sb.Length);
                tokens += tokenizer.CountTokens(i > 0 ? " " + sentence : sentence);
                through.Add(tokens);
            }
            sb.Append(ParagraphSeparator);
            tokens += paragraphDelta;
        }
        sb.Length -= ParagraphSeparator.Length;
        return new SentenceText(sb.ToString(), [.. starts], [.. ends], [.. through]);
    }
}
