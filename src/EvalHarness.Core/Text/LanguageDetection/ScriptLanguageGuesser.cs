using System.Text;

namespace EvalHarness.Core.Text.LanguageDetection;

/// <summary>
/// A model-free fallback for <see cref="LangdetectDetector"/>: the dominant Unicode script decides where it is unique
/// (Bengali → bn, Hangul → ko…); shared scripts are split by distinctive letters (Arabic ur/fa/ar, Cyrillic uk/mk/ru/bg)
/// or by short lists of very frequent function words (Devanagari hi/mr/ne and the Latin-script languages).
/// One-word Latin texts and all-caps lists are <c>unknown</c>, as langdetect rarely calls them English (see
/// <c>LatinFunctionWords.Guess</c>). It is deliberately simple: it will still disagree with langdetect on some short,
/// all-caps or mixed texts.
/// </summary>
internal sealed class ScriptLanguageGuesser : ILanguageDetector
{
    public string Mode => "builtin";

    public string Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = LangdetectText.RemoveUrlsAndMails(text);
        var counts = new Dictionary<Script, int>();
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune) && Rune.GetUnicodeCategory(rune) is not (System.Globalization.UnicodeCategory.NonSpacingMark
                or System.Globalization.UnicodeCategory.SpacingCombiningMark)) continue;
            var script = ScriptOf(rune.Value);
            if (script != Script.Other) counts[script] = counts.GetValueOrDefault(script) + 1;
        }
        if (counts.Count == 0) throw new LanguageDetectionException();

        // As langdetect, Latin letters are ignored when other scripts dominate.
        var latin = counts.GetValueOrDefault(Script.Latin);
        if (latin * 2 < counts.Where(c => c.Key != Script.Latin).Sum(c => c.Value)) counts.Remove(Script.Latin);
        if (counts.ContainsKey(Script.Kana)) return "ja";
        var dominant = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).First().Key;
        return dominant switch
        {
            Script.Latin => LatinFunctionWords.Guess(Words(text), text),
            Script.Cyrillic => Cyrillic(text),
            Script.Arabic => Arabic(text),
            Script.Devanagari => DevanagariFunctionWords.Guess(Words(text)),
            Script.Greek => "el",
            Script.Hebrew => "he",
            Script.Bengali => "bn",
            Script.Gurmukhi => "pa",
            Script.Gujarati => "gu",
            Script.Tamil => "ta",
            Script.Telugu => "te",
            Script.Kannada => "kn",
            Script.Malayalam => "ml",
            Script.Thai => "th",
            Script.Hangul => "ko",
            Script.Han => "zh-cn",
            _ => "unknown",
        };
    }

    internal static List<string> Words(string text)
    {
        var words = new List<string>();
        foreach (var piece in PythonText.Split(PythonText.Lower(text)))
        {
            var trimmed = piece.Trim('.', ',', ';', ':', '!', '?', '"', '\'', '(', ')', '[', ']', '*', '“', '”', '‘', '’', '«', '»', '।', '-');
            if (trimmed.Length > 0) words.Add(trimmed);
        }
        return words;
    }

    private static string Cyrillic(string text)
    {
        if (text.AsSpan().IndexOfAny("іїєґІЇЄҐ") >= 0) return "uk";
        if (text.AsSpan().IndexOfAny("ќѓѕљњџјЌЃЅЉЊЏЈ") >= 0) return "mk";
        if (text.AsSpan().IndexOfAny("ыэёЫЭЁ") >= 0) return "ru";
        return text.AsSpan().IndexOfAny("ъЪ") >= 0 ? "bg" : "ru";
    }

    private static string Arabic(string text)
    {
        // Letters Urdu uses and Persian/Arabic do not (ے ں ٹ ڈ ڑ ھ), then Persian letters Arabic lacks (پ چ ژ گ ک ی).
        if (text.AsSpan().IndexOfAny("\u06D2\u06BA\u0679\u0688\u0691\u06BE") >= 0) return "ur";
        if (text.AsSpan().IndexOfAny("\u067E\u0686\u0698\u06AF\u06A9\u06CC") >= 0) return "fa";
        return "ar";
    }

    private static Script ScriptOf(int cp) => cp switch
    {
        <= 0x24F or >= 0x1E00 and <= 0x1EFF => Script.Latin,
        >= 0x370 and <= 0x3FF or >= 0x1F00 and <= 0x1FFF => Script.Greek,
        >= 0x400 and <= 0x52F => Script.Cyrillic,
        >= 0x590 and <= 0x5FF => Script.Hebrew,
        >= 0x600 and <= 0x6FF or >= 0x750 and <= 0x77F or >= 0xFB50 and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF => Script.Arabic,
        >= 0x900 and <= 0x97F => Script.Devanagari,
        >= 0x980 and <= 0x9FF => Script.Bengali,
        >= 0xA00 and <= 0xA7F => Script.Gurmukhi,
        >= 0xA80 and <= 0xAFF => Script.Gujarati,
        >= 0xB80 and <= 0xBFF => Script.Tamil,
        >= 0xC00 and <= 0xC7F => Script.Telugu,
        >= 0xC80 and <= 0xCFF => Script.Kannada,
        >= 0xD00 and <= 0xD7F => Script.Malayalam,
        >= 0xE00 and <= 0xE7F => Script.Thai,
        >= 0x1100 and <= 0x11FF or >= 0x3130 and <= 0x318F or >= 0xAC00 and <= 0xD7AF => Script.Hangul,
        >= 0x3040 and <= 0x30FF => Script.Kana,
        >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF => Script.Han,
        _ => Script.Other,
    };

    private enum Script
    {
        Latin,
        Greek,
        Cyrillic,
        Hebrew,
        Arabic,
        Devanagari,
        Bengali,
        Gurmukhi,
        Gujarati,
        Tamil,
        Telugu,
        Kannada,
        Malayalam,
        Thai,
        Hangul,
        Kana,
        Han,
        Other,
    }
}
