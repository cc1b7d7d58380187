using System.Globalization;
using System.Text;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Evaluators.Niah;

/// <summary>Random keys and values: 7-digit numbers, vocabulary words (keys: adjective-noun pairs), v4 UUIDs.</summary>
/// <remarks>
/// Sample needles and the distractor needles of <c>haystack=needle</c> never share a value or key, by construction, so
/// a sample does not depend on how much haystack was built: numbers split by digit-sum parity (even for samples, odd
/// for distractors), words come from disjoint lists, and UUIDs collide with negligible probability.
/// </remarks>
internal static class NiahValues
{
    /// <summary>Distinct sample draws, none equal to one in <paramref name="avoid"/> nor containing another draw.</summary>
    public static string[] Distinct(StablePrng prng, NiahValueType type, int count, bool keyRole, IReadOnlyCollection<string> avoid)
    {
        var result = new List<string>(count);
        while (result.Count < count)
        {
            var v = Next(prng, type, keyRole, distractor: false);
            // No value may contain another (scoring is substring matching), e.g. "1234567" inside a longer number.
            if (!avoid.Contains(v) && !result.Any(r => r.Contains(v, StringComparison.Ordinal) || v.Contains(r, StringComparison.Ordinal)))
                result.Add(v);
        }
        return [.. result];
    }

    public static string Next(StablePrng prng, NiahValueType type, bool keyRole, bool distractor) => type switch
    {
        NiahValueType.Numbers => Number(prng, distractor),
        NiahValueType.Words => keyRole
            ? prng.Pick(distractor ? NiahVocabulary.DistractorAdjectives : NiahVocabulary.KeyAdjectives) + "-" + prng.Pick(NiahVocabulary.KeyNouns)
            : prng.Pick(distractor ? NiahVocabulary.DistractorWords : NiahVocabulary.ValueWords),
        _ => Uuid(prng),
    };

    /// <summary>In [1,000,000, 9,999,999], digit sum even for sample needles and odd for distractor needles.</summary>
    public static string Number(StablePrng prng, bool distractor)
    {
        while (true)
        {
            var v = prng.NextInt(1_000_000, 10_000_000);
            if ((DigitSum(v) & 1) == (distractor ? 1 : 0)) return v.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static int DigitSum(int v)
    {
        var sum = 0;
        for (; v > 0; v /= 10) sum += v % 10;
        return sum;
    }

    /// <summary>RFC 4122 version 4 layout, lower case: version nibble 4, variant bits 10.</summary>
    public static string Uuid(StablePrng prng)
    {
        var hi = prng.NextUInt64();
        var lo = prng.NextUInt64();
        hi = (hi & 0xFFFFFFFFFFFF0FFFUL) | 0x0000000000004000UL;
        lo = (lo & 0x3FFFFFFFFFFFFFFFUL) | 0x8000000000000000UL;
        var hex = hi.ToString("x16", CultureInfo.InvariantCulture) + lo.ToString("x16", CultureInfo.InvariantCulture);
        return new StringBuilder(36).Append(hex, 0, 8).Append('-').Append(hex, 8, 4).Append('-').Append(hex, 12, 4)
            .Append('-').Append(hex, 16, 4).Append('-').Append(hex, 20, 12).ToString();
    }
}
