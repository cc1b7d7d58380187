using EvalHarness.Core.Text;
using EvalHarness.Core.Text.Haystack;

namespace EvalHarness.Core.Evaluators.Niah;

/// <summary>
/// The haystack a request uses: the text cut into sentences, and for <c>haystack=needle</c> the distractor value of
/// each sentence (see <see cref="NiahValues"/> for why sample values never collide with them).
/// </summary>
internal sealed class NiahHaystackSource
{
    private NiahHaystackSource(SentenceText text, string[]? sentenceValues)
    {
        Text = text;
        SentenceValues = sentenceValues;
    }

    public SentenceText Text { get; }

    /// <summary>Distractor value of haystack sentence i (haystack=needle only).</summary>
    public string[]? SentenceValues { get; }

    public static NiahHaystackSource Create(NiahOptions o, int seed, int minTokens)
    {
        if (o.HaystackDir is { } dir) return new(FileHaystack.Build(FileHaystack.LoadText(dir), minTokens), null);
        if (!o.DistractorHaystack) return new(MasterHaystack.Get(unchecked((ulong)seed), o.HaystackKind!.Value, minTokens), null);

        // RULER's "needle" haystack: needle-shaped sentences for other keys, in paragraphs of five.
        var prng = new StablePrng(StablePrng.Mix(seed, 0x6e65_6564_6c65));
        var type = NiahTemplate.TypeName(o.ValueType);
        var values = new List<string>();
        var text = MasterHaystack.FromSentences(
            () =>
            {
                var key = NiahValues.Next(prng, o.KeyType, keyRole: true, distractor: true);
                var value = NiahValues.Next(prng, o.ValueType, keyRole: false, distractor: true);
                values.Add(value);
                return o.Template.NeedleText(type, key, value);
            },
            () => 5,
            Math.Max(minTokens, 4096));
        return new(text, [.. values]);
    }
}
