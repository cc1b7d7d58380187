using EvalHarness.Core.Text;
using EvalHarness.Core.Text.Haystack;

namespace EvalHarness.Core.Evaluators.Niah;

/// <summary>
/// The haystack a request uses: the text cut into sentences, and for <c>haystack=needle</c> the distractor value of
/// each sentence plus every distractor key and value (sample keys and values must avoid them).
/// </summary>
internal sealed class NiahHaystackSource
{
    private NiahHaystackSource(SentenceText text, string[]? sentenceValues, HashSet<string>? reserved)
    {
        Text = text;
        SentenceValues = sentenceValues;
        Reserved = reserved ?? new HashSet<string>(StringComparer.Ordinal);
    }

    public SentenceText Text { get; }

    /// <summary>Distractor value of haystack sentence i (haystack=needle only).</summary>
    public string[]? SentenceValues { get; }

    /// <summary>Keys and values already used by the haystack (membership tests only).</summary>
    public HashSet<string> Reserved { get; }

    public static NiahHaystackSource Create(NiahOptions o, int seed, int minTokens)
    {
        if (o.HaystackDir is { } dir) return new(FileHaystack.Build(FileHaystack.LoadText(dir), minTokens), null, null);
        if (!o.DistractorHaystack) return new(MasterHaystack.Get(unchecked((ulong)seed), o.HaystackKind!.Value, minTokens), null, null);

        // RULER's "needle" haystack: needle-shaped sentences for other keys, in paragraphs of five.
        var prng = new StablePrng(StablePrng.Mix(seed, 0x6e65_6564_6c65));
        var type = NiahTemplate.TypeName(o.ValueType);
        var values = new List<string>();
        var reserved = new HashSet<string>(StringComparer.Ordinal);
        var text = MasterHaystack.FromSentences(
            () =>
            {
                var key = o.KeyType == NiahValueType.Words
                    ? prng.Pick(NiahVocabulary.DistractorAdjectives) + "-" + prng.Pick(NiahVocabulary.KeyNouns)
                    : NiahValues.Next(prng, o.KeyType, keyRole: true);
                var value = o.ValueType == NiahValueType.Words ? prng.Pick(NiahVocabulary.DistractorWords) : NiahValues.Next(prng, o.ValueType, keyRole: false);
                reserved.Add(key);
                reserved.Add(value);
                values.Add(value);
                return o.Template.NeedleText(type, key, value);
            },
            () => 5,
            Math.Max(minTokens, 4096));
        return new(text, [.. values], reserved);
    }
}
