namespace EvalHarness.Core.Text.LanguageDetection;

/// <summary>Frequent function words of the Latin-script languages langdetect knows (lists written for this fallback).</summary>
internal static class LatinFunctionWords
{
    private static readonly (string Language, string[] Words, string Letters)[] Languages =
    [
        ("en", ["the", "and", "of", "to", "is", "in", "that", "it", "you", "for", "with", "are", "this", "be", "on", "was", "not", "have", "i", "a"], ""),
        ("de", ["der", "die", "und", "das", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "sich", "auch", "ich", "es", "von", "für", "im", "dem"], "äöüß"),
        ("fr", ["le", "la", "les", "et", "est", "des", "une", "un", "du", "que", "pas", "pour", "dans", "je", "vous", "il", "au", "qui"], "àâçéèêëîïôùûœ"),
        ("es", ["el", "los", "las", "y", "es", "que", "un", "una", "por", "para", "con", "del", "se", "su", "como", "más", "pero", "en", "al", "lo"], "ñ¿¡áéíóú"),
        ("pt", ["o", "os", "e", "é", "que", "não", "um", "uma", "do", "da", "em", "para", "com", "se", "você", "dos", "das", "mais"], "ãõçâêô"),
        ("it", ["il", "di", "che", "è", "un", "una", "per", "non", "sono", "della", "gli", "le", "anche", "questo", "nel", "alla", "sul", "un", "in", "mi", "ha"], "àèéìòù"),
        ("nl", ["de", "het", "een", "en", "van", "is", "dat", "niet", "ik", "je", "op", "te", "zijn", "met", "voor", "ook"], "ĳ"),
        ("sv", ["och", "är", "att", "det", "som", "en", "på", "inte", "jag", "för", "med", "av", "till", "har"], "åäö"),
        ("da", ["og", "er", "at", "det", "som", "en", "på", "ikke", "jeg", "for", "med", "af", "til", "har"], "æøå"),
        ("no", ["og", "er", "å", "det", "som", "en", "på", "ikke", "jeg", "for", "med", "av", "til", "har"], "æøå"),
        ("fi", ["ja", "on", "ei", "se", "että", "oli", "hän", "mutta", "kun", "niin", "ovat", "tämä", "myös"], "äö"),
        ("et", ["ja", "on", "ei", "see", "et", "oli", "aga", "kui", "ka", "oma", "mis", "ta", "nii"], "õäöü"),
        ("pl", ["w", "nie", "na", "się", "jest", "że", "to", "z", "do", "jak", "co", "ale"], "ąćęłńśźż"),
        ("cs", ["a", "je", "se", "na", "v", "že", "to", "s", "z", "do", "jsou", "pro", "jak", "ale", "není"], "ěřůčšž"),
        ("sk", ["a", "je", "sa", "na", "v", "že", "to", "s", "z", "do", "sú", "pre", "ako", "ale", "nie"], "ľĺŕôä"),
        ("hu", ["a", "az", "és", "hogy", "nem", "egy", "is", "van", "meg", "de", "ez", "csak"], "őű"),
        ("ro", ["și", "şi", "în", "de", "la", "este", "nu", "cu", "pe", "un", "o", "care", "să", "din"], "ăâîșşțţ"),
        ("tr", ["ve", "bir", "bu", "da", "de", "için", "ile", "ne", "çok", "daha", "olarak", "gibi"], "ğışç"),
        ("id", ["dan", "yang", "di", "ini", "itu", "dengan", "untuk", "tidak", "ada", "dari", "akan", "saya"], ""),
        ("sw", ["na", "ya", "wa", "kwa", "ni", "za", "la", "katika", "hii", "kuwa", "yake", "cha"], ""),
        ("tl", ["ang", "ng", "sa", "na", "mga", "ay", "at", "ko", "hindi", "ako", "ito", "siya"], ""),
        ("ca", ["el", "la", "i", "de", "que", "és", "per", "amb", "els", "les", "una", "no", "del"], "ç·"),
        ("so", ["waa", "iyo", "ku", "oo", "in", "ka", "ay", "uu", "ee", "ah"], ""),
        ("cy", ["y", "yr", "a", "ac", "yn", "o", "i", "mae", "ar", "ei", "ddim"], "ŵŷ"),
        ("sq", ["të", "e", "në", "dhe", "për", "një", "është", "me", "nga", "u"], "ëç"),
        ("af", ["die", "en", "is", "van", "het", "nie", "'n", "wat", "ek", "om"], ""),
        ("hr", ["i", "je", "u", "se", "na", "da", "su", "za", "od", "ne", "kao"], "čćđšž"),
        ("sl", ["in", "je", "se", "na", "da", "so", "za", "ki", "ne", "z"], "čšž"),
        ("lt", ["ir", "yra", "kad", "su", "į", "ne", "tai", "iš", "bet"], "ąčęėįšųūž"),
        ("lv", ["un", "ir", "ka", "ar", "uz", "no", "par", "kā", "nav"], "āčēģīķļņšūž"),
    ];

    /// <summary>All-caps texts of at least this many words are judged by their function-word rate (see <see cref="Guess"/>).</summary>
    internal const int MinCapitalListWords = 10;

    /// <summary>Below this share of function words (best language), a long all-caps text is a list, not prose.</summary>
    internal const double MinCapitalFunctionWordRate = 0.05;

    /// <summary>
    /// The Latin-script guess: Vietnamese by its letters, else the language whose function words (plus half a point per
    /// distinctive letter) score highest, English by default. Two cases follow what langdetect can see rather than the
    /// language of the words, because there its answer is not the text's language (measured on single words, titles and
    /// lists): a single word gives langdetect only its own 1–3-grams, and common English words mostly come out as other
    /// languages ("yes" → tr, "no" → tl, "YES" → cy, "A" → tl); an all-caps text gives it only each word's first letter
    /// (langdetect skips the rest of a capitalized word), which reads as English for prose full of THE/AND/OF but as
    /// German and others for lists of names or items. Both return <c>unknown</c>: a one-word text, and an all-caps text of
    /// at least <see cref="MinCapitalListWords"/> words whose best function-word rate is under
    /// <see cref="MinCapitalFunctionWordRate"/>. Short all-caps titles stay with the default: langdetect splits them.
    /// </summary>
    public static string Guess(IReadOnlyList<string> words, string text)
    {
        // Vietnamese letters are unambiguous: ă/ơ/ư/đ and the Latin Extended Additional block.
        foreach (var c in text)
        {
            if (c is 'ă' or 'ơ' or 'ư' or 'đ' or 'Ă' or 'Ơ' or 'Ư' or 'Đ' or >= '\u1EA0' and <= '\u1EF9') return "vi";
        }
        var lettered = 0;
        var hits = new int[Languages.Length];
        foreach (var word in words)
        {
            if (HasLetter(word)) lettered++;
            if (WordLanguages.TryGetValue(word, out var languages))
            {
                foreach (var language in languages) hits[language]++;
            }
        }
        if (lettered <= 1) return LangdetectDetector.Unknown;
        if (lettered >= MinCapitalListWords && PythonText.IsUpper(text) && hits.Max() < MinCapitalFunctionWordRate * lettered)
        {
            return LangdetectDetector.Unknown;
        }

        // Score = function-word hits + 0.5 per character of the lowered text that is one of the language's letters.
        var letterCounts = new Dictionary<char, int>();
        foreach (var c in PythonText.Lower(text))
        {
            if (DistinctiveLetters.Contains(c)) letterCounts[c] = letterCounts.GetValueOrDefault(c) + 1;
        }
        var best = "en";
        var bestScore = 0.0;
        for (var i = 0; i < Languages.Length; i++)
        {
            var letters = Languages[i].Letters;
            var letterHits = 0;
            foreach (var c in letters.Distinct()) letterHits += letterCounts.GetValueOrDefault(c);
            var score = hits[i] + (letters.Length > 0 ? 0.5 * letterHits : 0);
            if (score > bestScore)
            {
                best = Languages[i].Language;
                bestScore = score;
            }
        }
        return best;
    }

    private static bool HasLetter(string word)
    {
        foreach (var c in word)
        {
            if (char.IsLetter(c)) return true;
        }
        return false;
    }

    // Function word → the indexes of the languages listing it (each once, in Languages order).
    private static readonly Dictionary<string, int[]> WordLanguages = Languages
        .SelectMany((l, i) => l.Words.Distinct(StringComparer.Ordinal).Select(w => (Word: w, Index: i)))
        .GroupBy(x => x.Word, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(x => x.Index).ToArray(), StringComparer.Ordinal);

    private static readonly HashSet<char> DistinctiveLetters = [.. Languages.SelectMany(l => l.Letters)];
}

internal static class FunctionWordScore
{
    /// <summary>The language with the highest positive score (the first on ties), or the default.</summary>
    public static string Best(IEnumerable<(string Language, string[] Words, string Letters)> languages, string fallback, Func<string[], string, double> score)
    {
        var best = fallback;
        var bestScore = 0.0;
        foreach (var (language, words, letters) in languages)
        {
            var value = score(words, letters);
            if (value > bestScore)
            {
                best = language;
                bestScore = value;
            }
        }
        return best;
    }

    public static int Hits(IReadOnlyList<string> words, string[] list) => words.Count(w => list.Contains(w, StringComparer.Ordinal));
}

/// <summary>Frequent words that tell Hindi, Marathi and Nepali apart (all Devanagari).</summary>
internal static class DevanagariFunctionWords
{
    private static readonly (string Language, string[] Words, string Letters)[] Languages =
    [
        ("hi", ["है", "हैं", "और", "के", "की", "का", "में", "से", "को", "यह", "नहीं", "था", "भी", "पर"], ""),
        ("mr", ["आहे", "आणि", "आहेत", "हे", "या", "व", "नाही", "मध्ये", "की", "त्या", "होते", "म्हणून"], ""),
        ("ne", ["छ", "छन्", "र", "मा", "हो", "पनि", "गर्न", "थियो", "यो", "हुन्छ", "भएको", "लागि"], ""),
    ];

    public static string Guess(IReadOnlyList<string> words) =>
        FunctionWordScore.Best(Languages, "hi", (list, _) => FunctionWordScore.Hits(words, list));
}
