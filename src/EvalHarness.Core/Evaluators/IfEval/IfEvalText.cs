using System.Globalization;
using System.Text;

namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>
/// The few Python <c>str</c> rules the checkers need (spec §1). Kept small and private to IFEval so the checkers
/// read like the reference; to be backed by <c>EvalHarness.Core.Text.PythonText</c> once that lands.
/// </summary>
internal static class IfEvalText
{
    /// <summary>Python regex <c>\s</c>: .NET <c>\s</c> plus U+001C–U+001F.</summary>
    public const string Space = @"[\s\x1C-\x1F]";

    /// <summary>Python regex <c>\w</c> on str: letters, all numerics and underscore, but no combining marks.</summary>
    public const string WordChar = @"[\p{L}\p{Nd}\p{Nl}\p{No}_]";

    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1C' and <= '\x1F';

    public static string Strip(string s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsSpace(s[start])) start++;
        while (end > start && IsSpace(s[end - 1])) end--;
        return start == 0 && end == s.Length ? s : s[start..end];
    }

    public static bool IsBlank(string s)
    {
        foreach (var c in s) if (!IsSpace(c)) return false;
        return true;
    }

    /// <summary>Python <c>str.split()</c> with no argument: runs of whitespace separate, no empty pieces.</summary>
    public static List<string> SplitWhitespace(string s)
    {
        var parts = new List<string>();
        int i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && IsSpace(s[i])) i++;
            int start = i;
            while (i < s.Length && !IsSpace(s[i])) i++;
            if (i > start) parts.Add(s[start..i]);
        }
        return parts;
    }

    public static bool IsWordRune(Rune r)
    {
        if (r.Value == '_') return true;
        return Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
                or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            _ => false,
        };
    }

    /// <summary>Number of maximal runs of Python <c>\w</c> code points (nltk <c>RegexpTokenizer(r"\w+")</c>, spec §5.1).</summary>
    public static int CountWords(string s)
    {
        int count = 0;
        bool inWord = false;
        foreach (var r in s.EnumerateRunes())
        {
            bool w = IsWordRune(r);
            if (w && !inWord) count++;
            inWord = w;
        }
        return count;
    }

    /// <summary>Python <c>str.lower()</c>; differs from full lowering only for İ and final sigma, which no kwarg uses.</summary>
    public static string Lower(string s) => s.ToLowerInvariant();

    /// <summary>Python <c>str.isupper()</c>: some Uppercase code point and none Lowercase or titlecase.</summary>
    public static bool IsUpper(string s) => CaseTest(s, wantUpper: true);

    /// <summary>Python <c>str.islower()</c>: some Lowercase code point and none Uppercase or titlecase.</summary>
    public static bool IsLower(string s) => CaseTest(s, wantUpper: false);

    private static bool CaseTest(string s, bool wantUpper)
    {
        bool cased = false;
        foreach (var r in s.EnumerateRunes())
        {
            var (upper, lower, title) = Classify(r);
            if (title || (wantUpper ? lower : upper)) return false;
            if (wantUpper ? upper : lower) cased = true;
        }
        return cased;
    }

    // Unicode derived Uppercase/Lowercase = Lu/Ll + Other_Uppercase/Other_Lowercase (the common ranges).
    private static (bool Upper, bool Lower, bool Title) Classify(Rune r)
    {
        int v = r.Value;
        var cat = Rune.GetUnicodeCategory(r);
        if (cat == UnicodeCategory.TitlecaseLetter) return (false, false, true);
        bool upper = cat == UnicodeCategory.UppercaseLetter
            || v is >= 0x2160 and <= 0x216F or >= 0x24B6 and <= 0x24CF
                or >= 0x1F130 and <= 0x1F149 or >= 0x1F150 and <= 0x1F169 or >= 0x1F170 and <= 0x1F189;
        bool lower = cat == UnicodeCategory.LowercaseLetter
            || v is 0xAA or 0xBA or 0x345 or 0x37A or 0x2071 or 0x207F or 0x1D78 or 0xA770
                or >= 0x2B0 and <= 0x2B8 or >= 0x2C0 and <= 0x2C1 or >= 0x2E0 and <= 0x2E4
                or >= 0x1D2C and <= 0x1D6A or >= 0x1D9B and <= 0x1DBF or >= 0x2090 and <= 0x209C
                or >= 0x2170 and <= 0x217F or >= 0x24D0 and <= 0x24E9 or >= 0x2C7C and <= 0x2C7D
                or >= 0xA69C and <= 0xA69D or >= 0xA7F8 and <= 0xA7F9 or >= 0xAB5C and <= 0xAB5F;
        return (upper, lower, false);
    }
}
