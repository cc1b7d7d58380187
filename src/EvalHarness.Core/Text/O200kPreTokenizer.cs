using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace EvalHarness.Core.Text;

/// <summary>
/// The o200k_base pre-tokenizer (tiktoken's split pattern). BMP-only text goes through a compiled .NET regex;
/// text with surrogate pairs goes through <see cref="SplitByCodePoints"/>, a hand-written matcher that applies the same
/// pattern to whole code points, because .NET's regex sees a supplementary character as two code units of category Cs
/// (tiktoken's Rust regex sees one letter, mark or symbol), which shifts pre-token boundaries.
/// </summary>
internal sealed class O200kPreTokenizer : PreTokenizer
{
    // tiktoken's o200k_base pattern. .NET's (?i) folds ASCII case in the contractions but, unlike Rust's simple case
    // folding, not U+017F LONG S; the code-point matcher follows .NET so both paths agree. For "'\u017F" the BPE output
    // is the same either way ("'" and "\u017F" are separate tokens; checked against tiktoken 1.0.22).
    private const string Contraction = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)?";

    private const string Pattern =
        @"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+" + Contraction +
        @"|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*" + Contraction +
        @"|\p{N}{1,3}" +
        @"| ?[^\s\p{L}\p{N}]+[\r\n/]*" +
        @"|\s*[\r\n]+" +
        @"|\s+(?!\S)" +
        @"|\s+";

    // RegexOptions.Compiled rather than [GeneratedRegex]: generated code in a Debug build runs unoptimised (3-4x
    // slower on a 1M-token prompt), while runtime-compiled IL is always optimised.
    private static readonly Regex Bmp = new(Pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);

    internal static Regex BmpRegex() => Bmp;

    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text) =>
        string.IsNullOrEmpty(text) ? [] : PreTokenize(text.AsSpan());

    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return [];
        return HasSurrogate(text) ? SplitByCodePoints(text) : SplitWithRegex(text);
    }

    /// <summary>The regex path; exact for BMP-only text.</summary>
    internal static List<(int Offset, int Length)> SplitWithRegex(ReadOnlySpan<char> text)
    {
        var ranges = new List<(int, int)>();
        foreach (var m in BmpRegex().EnumerateMatches(text)) ranges.Add((m.Index, m.Length));
        return ranges;
    }

    internal static bool HasSurrogate(ReadOnlySpan<char> text) => text.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

    /// <summary>
    /// Applies the pattern to code points with leftmost-first (backtracking) semantics, alternative by alternative.
    /// Every position is matched by some alternative, so the pre-tokens tile the text.
    /// </summary>
    internal static List<(int Offset, int Length)> SplitByCodePoints(ReadOnlySpan<char> text)
    {
        var cps = new CodePoints(text);
        var result = new List<(int, int)>();
        var p = 0;
        while (p < cps.Count)
        {
            var end = LetterLowerTail(cps, p);
            if (end < 0) end = LetterUpperHead(cps, p);
            if (end < 0) end = Digits(cps, p);
            if (end < 0) end = Punctuation(cps, p);
            if (end < 0) end = SpaceThenNewlines(cps, p);
            if (end < 0) end = SpaceNotBeforeNonSpace(cps, p);
            if (end < 0) end = cps.RunEnd(p, Cls.Space);
            if (end <= p) end = p + 1; // unreachable for valid input; keeps the loop total on unpaired surrogates
            var start = cps.CharOffset(p);
            result.Add((start, cps.CharOffset(end) - start));
            p = end;
        }
        return result;
    }

    // [^\r\n\p{L}\p{N}]?[Upper]*[Lower]+(contraction)?
    private static int LetterLowerTail(CodePoints c, int p)
    {
        if (c.Is(p, Cls.Prefix))
        {
            var e = UpperStarLowerPlus(c, p + 1);
            if (e >= 0) return ContractionEnd(c, e);
        }
        var e2 = UpperStarLowerPlus(c, p);
        return e2 >= 0 ? ContractionEnd(c, e2) : -1;
    }

    private static int UpperStarLowerPlus(CodePoints c, int s)
    {
        var k = c.RunEnd(s, Cls.Upper);
        if (c.Is(k, Cls.Lower)) return c.RunEnd(k, Cls.Lower);
        // Backtrack: the upper run gives back code points until one of them can start the lower run; the lower run
        // then stops right after it (the code points after it, up to k, are not lower-class).
        for (var i = k - 1; i >= s; i--)
        {
            if (c.Is(i, Cls.Lower)) return i + 1;
        }
        return -1;
    }

    // [^\r\n\p{L}\p{N}]?[Upper]+[Lower]*(contraction)?
    private static int LetterUpperHead(CodePoints c, int p)
    {
        if (c.Is(p, Cls.Prefix) && c.Is(p + 1, Cls.Upper))
            return ContractionEnd(c, c.RunEnd(c.RunEnd(p + 1, Cls.Upper), Cls.Lower));
        if (c.Is(p, Cls.Upper))
            return ContractionEnd(c, c.RunEnd(c.RunEnd(p, Cls.Upper), Cls.Lower));
        return -1;
    }

    // \p{N}{1,3}
    private static int Digits(CodePoints c, int p)
    {
        var e = p;
        while (e < p + 3 && c.Is(e, Cls.Number)) e++;
        return e > p ? e : -1;
    }

    // ' ?[^\s\p{L}\p{N}]+[\r\n/]*'
    private static int Punctuation(CodePoints c, int p)
    {
        int s;
        if (c.At(p) == ' ' && c.Is(p + 1, Cls.Punct)) s = p + 1;
        else if (c.Is(p, Cls.Punct)) s = p;
        else return -1;
        var e = c.RunEnd(s, Cls.Punct);
        while (e < c.Count && c.At(e) is '\r' or '\n' or '/') e++;
        return e;
    }

    // \s*[\r\n]+ : ends right after the last line break of the whitespace run.
    private static int SpaceThenNewlines(CodePoints c, int p)
    {
        var q = c.RunEnd(p, Cls.Space);
        for (var j = q - 1; j >= p; j--)
        {
            if (c.At(j) is '\r' or '\n') return j + 1;
        }
        return -1;
    }

    // \s+(?!\S) : the whole run at the end of text, else the run minus its last code point.
    private static int SpaceNotBeforeNonSpace(CodePoints c, int p)
    {
        var q = c.RunEnd(p, Cls.Space);
        if (q == p) return -1;
        if (q == c.Count) return q;
        return q - 1 > p ? q - 1 : -1;
    }

    private static int ContractionEnd(CodePoints c, int e)
    {
        if (c.At(e) != '\'') return e;
        var a = Fold(c.At(e + 1));
        var b = Fold(c.At(e + 2));
        return a switch
        {
            's' or 't' or 'm' or 'd' => e + 2,
            'r' or 'v' when b == 'e' => e + 3,
            'l' when b == 'l' => e + 3,
            _ => e,
        };
    }

    private static int Fold(int cp) => cp is >= 'A' and <= 'Z' ? cp + ('a' - 'A') : cp;

    [Flags]
    private enum Cls
    {
        None = 0,
        Upper = 1, // Lu Lt Lm Lo M
        Lower = 2, // Ll Lm Lo M
        Number = 4, // N
        Space = 8, // \s (Unicode White_Space)
        Prefix = 16, // not \r \n L N
        Punct = 32, // not \s L N
    }

    private readonly ref struct CodePoints
    {
        private readonly int[] _cps;
        private readonly int[] _offsets; // char offset of each code point, plus the total length
        private readonly Cls[] _cls;

        public CodePoints(ReadOnlySpan<char> text)
        {
            var cps = new List<int>(text.Length);
            var offsets = new List<int>(text.Length + 1);
            var i = 0;
            while (i < text.Length)
            {
                offsets.Add(i);
                if (Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
                {
                    cps.Add(rune.Value);
                }
                else
                {
                    cps.Add(text[i]); // unpaired surrogate: one code unit, classed as "other"
                    consumed = 1;
                }
                i += consumed;
            }
            offsets.Add(text.Length);
            _cps = [.. cps];
            _offsets = [.. offsets];
            _cls = new Cls[_cps.Length];
            for (var k = 0; k < _cps.Length; k++) _cls[k] = Classify(_cps[k]);
        }

        public int Count => _cps.Length;

        public int At(int i) => i < _cps.Length ? _cps[i] : -1;

        public bool Is(int i, Cls cls) => i < _cls.Length && (_cls[i] & cls) != 0;

        public int RunEnd(int i, Cls cls)
        {
            while (Is(i, cls)) i++;
            return i;
        }

        public int CharOffset(int i) => _offsets[i];
    }

    private static Cls Classify(int cp)
    {
        if (cp is >= 0xD800 and <= 0xDFFF) return Cls.Prefix | Cls.Punct;
        var cat = CharUnicodeInfo.GetUnicodeCategory(cp);
        var cls = cat switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter => Cls.Upper,
            UnicodeCategory.LowercaseLetter => Cls.Lower,
            UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => Cls.Upper | Cls.Lower,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                => Cls.Upper | Cls.Lower | Cls.Prefix | Cls.Punct,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Cls.Number,
            _ => Cls.None,
        };
        var isLetterOrNumber = (cls & Cls.Number) != 0 || cat is UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.LowercaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter;
        if (IsWhiteSpace(cp)) cls |= Cls.Space;
        if (!isLetterOrNumber && (cls & Cls.Space) == 0) cls |= Cls.Punct;
        if (!isLetterOrNumber && cp != '\r' && cp != '\n') cls |= Cls.Prefix;
        return cls;
    }

    // Unicode White_Space, the set both Rust's and .NET's \s use.
    private static bool IsWhiteSpace(int cp) => cp <= 0xFFFF && char.IsWhiteSpace((char)cp);
}
