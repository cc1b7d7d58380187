using System.Text;
using System.Text.RegularExpressions;

namespace EvalHarness.Core.Text.LanguageDetection;

/// <summary>
/// langdetect 1.0.9's text preparation and n-gram extraction (spec §7 steps 1–7): URL/e-mail removal, Vietnamese
/// composition, truncation, Latin cleaning, per-character normalization and the rolling 3-character buffer.
/// Works on code points, as Python's <c>str</c> does.
/// </summary>
internal static class LangdetectText
{
    public const int MaxTextLength = 10000;
    private const int NGramMax = 3;

    private static readonly Regex Url = new("https?://[-_.?&~;+=/#0-9A-Za-z]{1,2076}", RegexOptions.CultureInvariant);

    private static readonly Regex Mail = new(
        "[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}", RegexOptions.CultureInvariant);

    private const string VietnameseBases = "AEIOUYaeiouyÂÊÔâêôĂăƠơƯư";
    private const string VietnameseMarks = "\u0300\u0301\u0303\u0309\u0323";

    // Row = combining mark (in VietnameseMarks order), column = base letter: Unicode canonical composition (NFC).
    private static readonly string[] VietnameseComposed =
    [
        "\u00c0\u00c8\u00cc\u00d2\u00d9\u1ef2\u00e0\u00e8\u00ec\u00f2\u00f9\u1ef3\u1ea6\u1ec0\u1ed2\u1ea7\u1ec1\u1ed3\u1eb0\u1eb1\u1edc\u1edd\u1eea\u1eeb",
        "\u00c1\u00c9\u00cd\u00d3\u00da\u00dd\u00e1\u00e9\u00ed\u00f3\u00fa\u00fd\u1ea4\u1ebe\u1ed0\u1ea5\u1ebf\u1ed1\u1eae\u1eaf\u1eda\u1edb\u1ee8\u1ee9",
        "\u00c3\u1ebc\u0128\u00d5\u0168\u1ef8\u00e3\u1ebd\u0129\u00f5\u0169\u1ef9\u1eaa\u1ec4\u1ed6\u1eab\u1ec5\u1ed7\u1eb4\u1eb5\u1ee0\u1ee1\u1eee\u1eef",
        "\u1ea2\u1eba\u1ec8\u1ece\u1ee6\u1ef6\u1ea3\u1ebb\u1ec9\u1ecf\u1ee7\u1ef7\u1ea8\u1ec2\u1ed4\u1ea9\u1ec3\u1ed5\u1eb2\u1eb3\u1ede\u1edf\u1eec\u1eed",
        "\u1ea0\u1eb8\u1eca\u1ecc\u1ee4\u1ef4\u1ea1\u1eb9\u1ecb\u1ecd\u1ee5\u1ef5\u1eac\u1ec6\u1ed8\u1ead\u1ec7\u1ed9\u1eb6\u1eb7\u1ee2\u1ee3\u1ef0\u1ef1",
    ];

    /// <summary>Steps 1–4: the code points the detector analyses (<c>Detector.append</c> then <c>cleaning_text</c>).</summary>
    public static int[] Prepare(string text)
    {
        // Each step rewrites the code points in place: no step makes the text longer.
        var cps = PythonText.ToCodePoints(RemoveUrlsAndMails(text));
        var length = Math.Min(ComposeVietnamese(cps), MaxTextLength);

        var kept = 0;
        var previous = -1;
        for (var i = 0; i < length; i++)
        {
            var ch = cps[i];
            if (ch != ' ' || previous != ' ') cps[kept++] = ch;
            previous = ch;
        }

        // The Latin Extended Additional exclusion is ineffective in langdetect 1.0.9 (spec §7 step 4).
        int latin = 0, nonLatin = 0;
        for (var i = 0; i < kept; i++)
        {
            var ch = cps[i];
            if (ch is >= 'A' and <= 'z') latin++;
            else if (ch >= 0x300) nonLatin++;
        }
        if (latin * 2 < nonLatin)
        {
            var w = 0;
            for (var i = 0; i < kept; i++)
            {
                if (cps[i] is not (>= 'A' and <= 'z')) cps[w++] = cps[i];
            }
            kept = w;
        }
        return cps.AsSpan(0, kept).ToArray();
    }

    /// <summary>Step 1: each URL, then each e-mail address, becomes one space.</summary>
    public static string RemoveUrlsAndMails(string text)
    {
        // The guards only skip regexes that cannot match (a URL needs "http", an e-mail needs '@').
        if (text.Contains("http", StringComparison.Ordinal)) text = Url.Replace(text, " ");
        if (text.Contains('@')) text = Mail.Replace(text, " ");
        return text;
    }

    /// <summary>Steps 5–7: the n-grams (1–3 code points) that appear in <paramref name="known"/>, in text order.</summary>
    public static List<string> ExtractNGrams(int[] text, Func<string, bool> known, IReadOnlyDictionary<int, int>? cjkMap)
    {
        var keys = new List<long>();
        ExtractNGramKeys(text, cjkMap, keys);
        var result = new List<string>();
        var sb = new StringBuilder(8);
        foreach (var key in keys)
        {
            sb.Clear();
            for (var rest = key; rest != 0; rest >>= KeyBits) PythonText.AppendCodePoint(sb, (int)(rest & KeyMask) - 1);
            var w = sb.ToString();
            if (known(w)) result.Add(w);
        }
        return result;
    }

    private const int KeyBits = 21;
    private const long KeyMask = (1L << KeyBits) - 1;

    /// <summary>
    /// The key of an n-gram of 1–3 code points (<see cref="ExtractNGramKeys"/>): code point + 1 in 21-bit fields, first
    /// code point lowest, so every gram has one key and no key is 0. -1 for other lengths (never extracted).
    /// </summary>
    public static long GramKey(string gram)
    {
        long key = 0;
        var shift = 0;
        foreach (var cp in PythonText.ToCodePoints(gram))
        {
            if (shift == NGramMax * KeyBits) return -1;
            key |= (long)(cp + 1) << shift;
            shift += KeyBits;
        }
        return key == 0 ? -1 : key;
    }

    /// <summary>
    /// Steps 5–7 without strings: appends to <paramref name="keys"/> the <see cref="GramKey"/> of every n-gram
    /// (known to a profile or not), in text order.
    /// </summary>
    public static void ExtractNGramKeys(int[] text, IReadOnlyDictionary<int, int>? cjkMap, List<long> keys)
    {
        var buffer = new long[MaxKeys(text.Length)];
        var count = ExtractNGramKeys(text, cjkMap, buffer);
        keys.AddRange(buffer.AsSpan(0, count));
    }

    /// <summary>The most keys <see cref="ExtractNGramKeys(int[], IReadOnlyDictionary{int, int}?, Span{long})"/> can write for a text of this length.</summary>
    public static int MaxKeys(int textLength) => NGramMax * textLength;

    /// <summary>As the list overload, into <paramref name="keys"/> (at least <see cref="MaxKeys"/> long); returns the count.</summary>
    public static int ExtractNGramKeys(int[] text, IReadOnlyDictionary<int, int>? cjkMap, Span<long> keys)
    {
        var n = 0;
        // The rolling buffer grams = [g0, g1, g2][..count]; langdetect's NGram.add_char.
        int g0 = ' ', g1 = 0, g2 = 0, count = 1;
        var capitalWord = false;
        foreach (var raw in text)
        {
            var ch = Normalize(raw, cjkMap);
            var last = count == 1 ? g0 : count == 2 ? g1 : g2;
            if (last == ' ')
            {
                g0 = ' ';
                count = 1;
                capitalWord = false;
                if (ch == ' ') continue;
            }
            else if (count >= NGramMax)
            {
                g0 = g1;
                g1 = g2;
                count--;
            }
            if (count == 1) g1 = ch;
            else g2 = ch;
            count++;

            if (PythonText.IsUppercaseChar(ch))
            {
                if (PythonText.IsUppercaseChar(last)) capitalWord = true;
            }
            else
            {
                capitalWord = false;
            }
            if (capitalWord) continue;

            // n = 1 (the last code point, unless a space), 2, 3 while the buffer holds n code points.
            var newest = count == 2 ? g1 : g2;
            if (newest != ' ') keys[n++] = newest + 1L;
            if (count == 2)
            {
                keys[n++] = (g0 + 1L) | ((g1 + 1L) << KeyBits);
            }
            else
            {
                keys[n++] = (g1 + 1L) | ((g2 + 1L) << KeyBits);
                keys[n++] = (g0 + 1L) | ((g1 + 1L) << KeyBits) | ((g2 + 1L) << (2 * KeyBits));
            }
        }
        return n;
    }

    /// <summary><c>NGram.normalize(ch)</c>: block-based folding of one code point.</summary>
    public static int Normalize(int ch, IReadOnlyDictionary<int, int>? cjkMap)
    {
        switch (ch)
        {
            case <= 0x7F:
                return ch is >= 'A' and <= 'Z' or >= 'a' and <= 'z' ? ch : ' ';
            case <= 0xFF:
                return ch is 0xA0 or 0xAB or 0xB0 or 0xBB ? ' ' : ch;
            case >= 0x180 and <= 0x24F:
                return ch switch { 0x219 => 0x15F, 0x21B => 0x163, _ => ch }; // Romanian comma below → cedilla
            case >= 0x2000 and <= 0x206F:
                return ' ';
            case >= 0x600 and <= 0x6FF:
                return ch == 0x6CC ? 0x64A : ch; // Farsi yeh → Arabic yeh
            case >= 0x1E00 and <= 0x1EFF:
                return ch >= 0x1EA0 ? 0x1EC3 : ch;
            case >= 0x3040 and <= 0x309F:
                return 0x3042;
            case >= 0x30A0 and <= 0x30FF:
                return 0x30A2;
            case >= 0x3100 and <= 0x312F or >= 0x31A0 and <= 0x31BF:
                return 0x3105;
            case >= 0x4E00 and <= 0x9FFF:
                return cjkMap is not null && cjkMap.TryGetValue(ch, out var representative) ? representative : ch;
            case >= 0xAC00 and <= 0xD7AF:
                return 0xAC00;
            default:
                return ch;
        }
    }

    // Composes in place and returns the new length.
    private static int ComposeVietnamese(int[] cps)
    {
        var length = 0;
        for (var i = 0; i < cps.Length; i++)
        {
            // A base letter followed by a mark; the (rare) mark is tested first.
            var m = i + 1 < cps.Length && cps[i + 1] <= 0xFFFF ? VietnameseMarks.IndexOf((char)cps[i + 1]) : -1;
            var b = m >= 0 && cps[i] <= 0xFFFF ? VietnameseBases.IndexOf((char)cps[i]) : -1;
            if (m >= 0 && b >= 0)
            {
                cps[length++] = VietnameseComposed[m][b];
                i++;
            }
            else
            {
                cps[length++] = cps[i];
            }
        }
        return length;
    }
}
