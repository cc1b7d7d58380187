using System.Text;

namespace EvalHarness.Core.Text;

/// <summary>
/// NFKC for answer matching. Under InvariantGlobalization (set repo-wide) <see cref="string.Normalize(NormalizationForm)"/>
/// returns its input unchanged, so after calling it this class also applies, by rule, the compatibility mappings that
/// matter for matching numbers, ASCII words and UUIDs in model output: fullwidth ASCII, space variants, superscript and
/// subscript digits, circled digits, mathematical alphanumeric letters and digits, and the Latin ligatures.
/// </summary>
internal static class CompatibilityFold
{
    public static string Nfkc(string text)
    {
        var s = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            int cp = c;
            var width = 1;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                cp = char.ConvertToUtf32(c, s[i + 1]);
                width = 2;
            }
            var folded = cp < 0x80 ? null : Fold(cp);
            if (folded is null)
            {
                sb?.Append(s, i, width);
            }
            else
            {
                sb ??= new StringBuilder(s.Length).Append(s, 0, i);
                sb.Append(folded);
            }
            i += width - 1;
        }
        return sb?.ToString() ?? s;
    }

    private static string? Fold(int cp) => cp switch
    {
        >= 0xFF01 and <= 0xFF5E => ((char)(cp - 0xFF01 + 0x21)).ToString(),
        0x00A0 or 0x1680 or (>= 0x2000 and <= 0x200A) or 0x202F or 0x205F or 0x3000 => " ",
        0x00B9 => "1",
        0x00B2 => "2",
        0x00B3 => "3",
        0x2070 => "0",
        >= 0x2074 and <= 0x2079 => ((char)('4' + cp - 0x2074)).ToString(),
        >= 0x2080 and <= 0x2089 => ((char)('0' + cp - 0x2080)).ToString(),
        >= 0x2460 and <= 0x2468 => ((char)('1' + cp - 0x2460)).ToString(),
        >= 0x24EA and <= 0x24EA => "0",
        >= 0x1D7CE and <= 0x1D7FF => ((char)('0' + (cp - 0x1D7CE) % 10)).ToString(),
        >= 0x1D400 and <= 0x1D6A3 => MathLetter(cp),
        0xFB00 => "ff",
        0xFB01 => "fi",
        0xFB02 => "fl",
        0xFB03 => "ffi",
        0xFB04 => "ffl",
        0xFB05 or 0xFB06 => "st",
        _ => null,
    };

    // Thirteen styled alphabets of A-Z then a-z; the few unassigned holes in the block are never produced.
    private static string MathLetter(int cp)
    {
        var k = (cp - 0x1D400) % 52;
        return ((char)(k < 26 ? 'A' + k : 'a' + k - 26)).ToString();
    }
}
