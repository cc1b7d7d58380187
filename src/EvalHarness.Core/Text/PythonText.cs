using System.Globalization;
using System.Text;

namespace EvalHarness.Core.Text;

/// <summary>
/// Python 3.11 <c>str</c> semantics over Unicode code points, for ports of Python graders (IFEval).
/// .NET differs in whitespace (<c>Trim</c> misses U+001C–U+001F), in <c>\w</c> (.NET includes Mn/Pc, excludes Nl/No)
/// and in case tests (<c>char.IsUpper</c> ignores Other_Uppercase/Other_Lowercase), so graders must use these helpers.
/// </summary>
internal static class PythonText
{
    /// <summary>Regex class for one Python <c>\w</c> character (BMP only: .NET classes see UTF-16 units).</summary>
    public const string WordClass = @"[\p{L}\p{Nd}\p{Nl}\p{No}_]";

    /// <summary>Regex class for one Python <c>\W</c> character (BMP only).</summary>
    public const string NonWordClass = @"[^\p{L}\p{Nd}\p{Nl}\p{No}_]";

    /// <summary>Regex class for one Python <c>\s</c> character: .NET <c>\s</c> plus U+001C–U+001F.</summary>
    public const string SpaceClass = @"[\s\x1C-\x1F]";

    /// <summary>Regex class for one Python <c>\S</c> character.</summary>
    public const string NonSpaceClass = @"[^\s\x1C-\x1F]";

    /// <summary>Python <c>\b</c> built from Python's <c>\w</c> (a zero-width assertion).</summary>
    public const string WordBoundary = "(?:(?<=" + WordClass + ")(?!" + WordClass + ")|(?<!" + WordClass + ")(?=" + WordClass + "))";

    /// <summary>Python <c>str.isspace()</c> for one code point: bidi class WS, B or S, or category Zs.</summary>
    public static bool IsSpace(int codePoint) => codePoint switch
    {
        >= 0x09 and <= 0x0D => true,
        >= 0x1C and <= 0x20 => true,
        0x85 or 0xA0 or 0x1680 => true,
        >= 0x2000 and <= 0x200A => true,
        0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000 => true,
        _ => false,
    };

    /// <summary>Python <c>\w</c> for one code point: <c>_</c> or <c>isalnum()</c> (letters and numeric characters).</summary>
    public static bool IsWordChar(int codePoint)
    {
        if (codePoint == '_') return true;
        return Unicode14.GetCategory(codePoint) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            _ => false,
        };
    }

    /// <summary>Python <c>\d</c>: category Nd.</summary>
    public static bool IsDecimalDigit(int codePoint) =>
        Unicode14.GetCategory(codePoint) == UnicodeCategory.DecimalDigitNumber;

    /// <summary>The derived Uppercase property (Lu plus Other_Uppercase), which Python's <c>isupper()</c> tests.</summary>
    public static bool IsUppercaseChar(int codePoint) =>
        Unicode14.GetCategory(codePoint) == UnicodeCategory.UppercaseLetter || IsOtherUppercase(codePoint);

    /// <summary>The derived Lowercase property (Ll plus Other_Lowercase), which Python's <c>islower()</c> tests.</summary>
    public static bool IsLowercaseChar(int codePoint) =>
        Unicode14.GetCategory(codePoint) == UnicodeCategory.LowercaseLetter || IsOtherLowercase(codePoint);

    /// <summary>Category Lt (titlecase letters such as U+01C5).</summary>
    public static bool IsTitlecaseChar(int codePoint) =>
        Unicode14.GetCategory(codePoint) == UnicodeCategory.TitlecaseLetter;

    /// <summary>Python's "cased": Uppercase, Lowercase or Lt.</summary>
    public static bool IsCased(int codePoint) =>
        IsUppercaseChar(codePoint) || IsLowercaseChar(codePoint) || IsTitlecaseChar(codePoint);

    /// <summary>
    /// Python <c>str.isupper()</c>: at least one Uppercase character and no Lowercase or Lt character.
    /// </summary>
    public static bool IsUpper(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cased = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsLowercaseChar(rune.Value) || IsTitlecaseChar(rune.Value)) return false;
            if (IsUppercaseChar(rune.Value)) cased = true;
        }
        return cased;
    }

    /// <summary>Python <c>str.islower()</c>: at least one Lowercase character and no Uppercase or Lt character.</summary>
    public static bool IsLower(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cased = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsUppercaseChar(rune.Value) || IsTitlecaseChar(rune.Value)) return false;
            if (IsLowercaseChar(rune.Value)) cased = true;
        }
        return cased;
    }

    /// <summary>
    /// Python <c>str.lower()</c>: full lowercasing, i.e. simple lowercase plus U+0130 → "i\u0307" and final sigma → ς.
    /// </summary>
    public static string Lower(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsAsciiWithoutUpper(text)) return text;
        var runes = ToCodePoints(text);
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < runes.Length; i++)
        {
            var cp = runes[i];
            if (cp == 0x130) sb.Append("i\u0307");
            else if (cp == 0x3A3) sb.Append(IsFinalSigma(runes, i) ? 'ς' : 'σ');
            else if (Unicode14.IsAssignedAfter14(cp) || !Rune.IsValid(cp)) AppendCodePoint(sb, cp); // unassigned in Python 3.11, or a lone surrogate
            else sb.Append(Rune.ToLowerInvariant(new Rune(cp)).ToString());
        }
        return sb.ToString();
    }

    /// <summary>Python <c>str.strip()</c> with no argument.</summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start])) start++;
        while (end > start && IsSpace(text[end - 1])) end--;
        return text[start..end];
    }

    /// <summary>Python <c>str.lstrip()</c> with no argument.</summary>
    public static string LStrip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        while (start < text.Length && IsSpace(text[start])) start++;
        return text[start..];
    }

    /// <summary>Python <c>str.rstrip()</c> with no argument.</summary>
    public static string RStrip(string text) => text[..RStripLength(text)];

    /// <summary>The length of <c>text.rstrip()</c> in UTF-16 units.</summary>
    public static int RStripLength(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = text.Length;
        while (end > 0 && IsSpace(text[end - 1])) end--;
        return end;
    }

    /// <summary>Python <c>str.split()</c> with no argument: runs of whitespace separate, no empty pieces.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && IsSpace(text[i])) i++;
            var start = i;
            while (i < text.Length && !IsSpace(text[i])) i++;
            if (i > start) pieces.Add(text[start..i]);
        }
        return pieces;
    }

    /// <summary>IFEval's <c>count_words</c>: the number of maximal runs of Python <c>\w</c> characters.</summary>
    public static int CountWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        var inWord = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var word = IsWordChar(rune.Value);
            if (word && !inWord) count++;
            inWord = word;
        }
        return count;
    }

    /// <summary>The code points of <paramref name="text"/>; a lone surrogate stays one code point, as in Python.</summary>
    public static int[] ToCodePoints(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Add(char.ConvertToUtf32(c, text[i + 1]));
                i++;
            }
            else
            {
                result.Add(c);
            }
        }
        return [.. result];
    }

    /// <summary>The first code point of a non-empty string.</summary>
    public static int FirstCodePoint(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return char.IsHighSurrogate(text[0]) && text.Length > 1 && char.IsLowSurrogate(text[1])
            ? char.ConvertToUtf32(text[0], text[1])
            : text[0];
    }

    /// <summary>Appends one code point (a lone surrogate is appended as is).</summary>
    public static void AppendCodePoint(StringBuilder builder, int codePoint)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (codePoint > 0xFFFF) builder.Append(char.ConvertFromUtf32(codePoint));
        else builder.Append((char)codePoint);
    }

    private static bool IsAsciiWithoutUpper(string text)
    {
        foreach (var c in text)
        {
            if (c > 0x7F || c is >= 'A' and <= 'Z') return false;
        }
        return true;
    }

    // Final_Sigma: cased (case-ignorable)* Σ not followed by (case-ignorable)* cased, as CPython's handle_capital_sigma.
    private static bool IsFinalSigma(int[] cps, int i)
    {
        var j = i - 1;
        while (j >= 0 && IsCaseIgnorable(cps[j])) j--;
        if (j < 0 || !IsCased(cps[j])) return false;
        j = i + 1;
        while (j < cps.Length && IsCaseIgnorable(cps[j])) j++;
        return j == cps.Length || !IsCased(cps[j]);
    }

    private static bool IsCaseIgnorable(int cp)
    {
        switch (cp)
        {
            // Word_Break MidLetter, MidNumLet and Single_Quote.
            case '\'' or '.' or ':' or 0xB7 or 0x387 or 0x55F or 0x5F4 or 0x2018 or 0x2019 or 0x2024 or 0x2027
                or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A:
                return true;
        }
        return Unicode14.GetCategory(cp) switch
        {
            UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
                or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol => true,
            _ => false,
        };
    }

    // Other_Uppercase (Unicode 14, as Python 3.11): Roman numerals, circled and squared capitals.
    private static bool IsOtherUppercase(int cp) => cp switch
    {
        >= 0x2160 and <= 0x216F => true,
        >= 0x24B6 and <= 0x24CF => true,
        >= 0x1F130 and <= 0x1F149 => true,
        >= 0x1F150 and <= 0x1F169 => true,
        >= 0x1F170 and <= 0x1F189 => true,
        _ => false,
    };

    // Other_Lowercase (Unicode 14): ordinal indicators, modifier letters, small Roman numerals, circled small letters.
    private static bool IsOtherLowercase(int cp) => cp switch
    {
        0xAA or 0xBA or 0x345 or 0x37A or 0x1D78 or 0x2071 or 0x207F or 0xA770 or 0x10780 => true,
        >= 0x2B0 and <= 0x2B8 => true,
        >= 0x2C0 and <= 0x2C1 => true,
        >= 0x2E0 and <= 0x2E4 => true,
        >= 0x1D2C and <= 0x1D6A => true,
        >= 0x1D9B and <= 0x1DBF => true,
        >= 0x2090 and <= 0x209C => true,
        >= 0x2170 and <= 0x217F => true,
        >= 0x24D0 and <= 0x24E9 => true,
        >= 0x2C7C and <= 0x2C7D => true,
        >= 0xA69C and <= 0xA69D => true,
        >= 0xA7F8 and <= 0xA7F9 => true,
        >= 0xAB5C and <= 0xAB5F => true,
        >= 0x10783 and <= 0x10785 => true,
        >= 0x10787 and <= 0x107B0 => true,
        >= 0x107B2 and <= 0x107BA => true,
        _ => false,
    };
}
