using System.Text;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Evaluators.Niah;

/// <summary>Random keys and values: 7-digit numbers, vocabulary words (keys: adjective-noun pairs), v4 UUIDs.</summary>
internal static class NiahValues
{
    /// <summary>Distinct draws, none in <paramref name="reserved"/> or <paramref name="avoid"/> (membership tests only).</summary>
    public static string[] Distinct(
        StablePrng prng, NiahValueType type, int count, bool keyRole, IReadOnlySet<string> reserved, IReadOnlyCollection<string> avoid)
    {
        var result = new List<string>(count);
        while (result.Count < count)
        {
            var v = Next(prng, type, keyRole);
            // No value may contain another (scoring is substring matching), e.g. "1234567" inside a longer number.
            if (!reserved.Contains(v) && !avoid.Contains(v) && !result.Any(r => r.Contains(v, StringComparison.Ordinal) || v.Contains(r, StringComparison.Ordinal)))
                result.Add(v);
        }
        return [.. result];
    }

    public static string Next(StablePrng prng, NiahValueType type, bool keyRole) => type switch
    {
        NiahValueType.Numbers => prng.NextInt(1_000_000, 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        NiahValueType.Words => keyRole
            ? prng.Pick(NiahVocabulary.KeyAdjectives) + "-" + prng.Pick(NiahVocabulary.KeyNouns)
            : prng.Pick(NiahVocabulary.ValueWords),
        _ => Uuid(prng),
    };

    /// <summary>RFC 4122 version 4 layout, lower case: version nibble 4, variant bits 10.</summary>
    public static string Uuid(StablePrng prng)
    {
        var hi = prng.NextUInt64();
        var lo = prng.NextUInt64();
        hi = (hi & 0xFFFFFFFFFFFF0FFFUL) | 0x0000000000004000UL;
        lo = (lo & 0x3FFFFFFFFFFFFFFFUL) | 0x8000000000000000UL;
        var hex = hi.ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + lo.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        return new StringBuilder(36).Append(hex, 0, 8).Append('-').Append(hex, 8, 4).Append('-').Append(hex, 12, 4)
            .Append('-').Append(hex, 16, 4).Append('-').Append(hex, 20, 12).ToString();
    }
}
