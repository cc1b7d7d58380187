using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace EvalHarness.Core.Text.LanguageDetection;

/// <summary>
/// langdetect 1.0.9's <c>detect(text)</c> with <c>DetectorFactory.seed = 0</c> (spec §7), over its JSON profiles
/// loaded at run time. Each call seeds its own Python-compatible Mersenne Twister, so results are deterministic and follow
/// the reference's random draws exactly. One residual difference: langdetect orders profiles as <c>os.listdir</c> returns
/// them and normalizes with an order-dependent float sum; here the order is ordinal, which can move the last bits of
/// a probability, never (on the GPT-4 set) a result. Thread-safe after loading.
/// <para>
/// Speed without changing any bit of a result: each n-gram of 1–3 code points gets an id at load time (a dictionary from
/// its packed code points, see <see cref="LangdetectText.GramKey"/>), its per-language probabilities are one row of a flat
/// array, and detection extracts packed keys without building strings. The update
/// <c>prob[j] *= weight + word_prob[j]</c> runs element-wise in SIMD lanes (the same IEEE operations per element); the
/// normalizing sum stays a sequential left-to-right loop.
/// </para>
/// </summary>
internal sealed class LangdetectDetector : ILanguageDetector
{
    public const string Unknown = "unknown";

    private const double AlphaDefault = 0.5;
    private const double AlphaWidth = 0.05;
    private const int IterationLimit = 1000;
    private const double ProbThreshold = 0.1;
    private const double ConvThreshold = 0.99999;
    private const double BaseFreq = 10000;
    private const int Trials = 7;

    private readonly string[] _languages;
    // Gram key → row of _probs (row r holds P(gram | language) for every language, at r * _languages.Length).
    private readonly Dictionary<long, int> _gramIds;
    private readonly double[] _probs;
    private readonly IReadOnlyDictionary<int, int>? _cjkMap;

    private LangdetectDetector(string[] languages, Dictionary<string, double[]> wordLangProb, IReadOnlyDictionary<int, int>? cjkMap, string directory)
    {
        _languages = languages;
        _gramIds = new Dictionary<long, int>(wordLangProb.Count);
        var rows = new List<double[]>(wordLangProb.Count);
        foreach (var (word, probs) in wordLangProb)
        {
            // Only grams of 1-3 code points can be extracted from a text; longer profile entries are never looked up.
            var key = LangdetectText.GramKey(word);
            if (key < 0) continue;
            _gramIds.Add(key, rows.Count);
            rows.Add(probs);
        }
        _probs = new double[rows.Count * languages.Length];
        for (var r = 0; r < rows.Count; r++) rows[r].CopyTo(_probs, r * languages.Length);
        _cjkMap = cjkMap;
        SourceDirectory = directory;
    }

    public string Mode => "reference";

    /// <summary>The RNG seed (langdetect's <c>DetectorFactory.seed</c>); IFEval's reference uses 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>The language codes, in profile order.</summary>
    public IReadOnlyList<string> Languages => _languages;

    public string SourceDirectory { get; }

    /// <summary>
    /// True when langdetect's CJK ideograph classes were found (<c>../utils/messages.properties</c> beside the profiles);
    /// without them Chinese/Japanese ideographs are not folded to class representatives.
    /// </summary>
    public bool HasCjkClasses => _cjkMap is not null;

    /// <summary>Loads every profile file of <paramref name="profilesDirectory"/> (file names in ordinal order).</summary>
    /// <exception cref="InvalidDataException">a profile is malformed or duplicated.</exception>
    public static LangdetectDetector Load(string profilesDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(profilesDirectory);
        var files = Directory.GetFiles(profilesDirectory)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0) throw new InvalidDataException($"no langdetect profiles in {profilesDirectory}");

        var languages = new string[files.Length];
        var map = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var index = 0; index < files.Length; index++)
        {
            var name = AddProfile(files[index], index, files.Length, map);
            if (Array.IndexOf(languages, name, 0, index) >= 0) throw new InvalidDataException($"duplicate langdetect profile '{name}'");
            languages[index] = name;
        }
        var directory = Path.GetFullPath(profilesDirectory);
        return new LangdetectDetector(languages, map, LoadCjkClasses(directory), directory);
    }

    /// <summary>
    /// Finds a profiles folder: <paramref name="userDirectory"/> (the <c>profiles</c> folder or the langdetect package
    /// folder holding <c>profiles/</c>), then <c>LANGDETECT_PROFILES</c>, then Debian's <c>python3-langdetect</c> install.
    /// Null when none has an <c>en</c> profile.
    /// </summary>
    public static string? TryLocate(string? userDirectory)
    {
        string?[] roots =
        [
            userDirectory,
            Environment.GetEnvironmentVariable("LANGDETECT_PROFILES"),
            OperatingSystem.IsWindows() ? null : "/usr/lib/python3/dist-packages/langdetect",
        ];
        foreach (var root in roots)
        {
            if (string.IsNullOrWhiteSpace(root)) continue;
            foreach (var dir in new[] { root, Path.Combine(root, "profiles") })
            {
                if (File.Exists(Path.Combine(dir, "en"))) return Path.GetFullPath(dir);
            }
        }
        return null;
    }

    /// <summary><see cref="TryLocate"/> then <see cref="Load"/>; null when no profiles are found.</summary>
    public static LangdetectDetector? TryLoad(string? userDirectory)
    {
        var dir = TryLocate(userDirectory);
        return dir is null ? null : Load(dir);
    }

    /// <summary>langdetect's <c>detect(text)</c>: the most probable language above 0.1, or <c>unknown</c>.</summary>
    /// <exception cref="LanguageDetectionException">the text has no features ("No features in text.").</exception>
    public string Detect(string text)
    {
        var langProb = Probabilities(text);
        // The first of a stable descending sort: the highest probability, the lowest profile index on ties.
        var best = -1;
        for (var i = 0; i < langProb.Length; i++)
        {
            if (langProb[i] > ProbThreshold && (best < 0 || langProb[i] > langProb[best])) best = i;
        }
        return best >= 0 ? _languages[best] : Unknown;
    }

    /// <summary>langdetect's <c>detect_langs(text)</c>: languages above 0.1, most probable first.</summary>
    /// <exception cref="LanguageDetectionException">the text has no features.</exception>
    public IReadOnlyList<(string Language, double Probability)> GetProbabilities(string text)
    {
        var langProb = Probabilities(text);
        // Python's list.sort(reverse=True) is stable: ties keep profile order.
        return langProb
            .Select((p, i) => (Language: _languages[i], Probability: p, Index: i))
            .Where(x => x.Probability > ProbThreshold)
            .OrderByDescending(x => x.Probability)
            .ThenBy(x => x.Index)
            .Select(x => (x.Language, x.Probability))
            .ToList();
    }

    // Detector._detect_block: every language's probability, in profile order.
    private double[] Probabilities(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var prepared = LangdetectText.Prepare(text);
        var keys = ArrayPool<long>.Shared.Rent(Math.Max(1, LangdetectText.MaxKeys(prepared.Length)));
        var rows = ArrayPool<int>.Shared.Rent(keys.Length);
        try
        {
            var keyCount = LangdetectText.ExtractNGramKeys(prepared, _cjkMap, keys);
            var count = 0;
            for (var i = 0; i < keyCount; i++)
            {
                if (_gramIds.TryGetValue(keys[i], out var row)) rows[count++] = row;
            }
            if (count == 0) throw new LanguageDetectionException();
            return DetectBlock(rows.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
            ArrayPool<long>.Shared.Return(keys);
        }
    }

    // rows[i] is the _probs row of the i-th known gram; the RNG picks indices exactly as choice(ngrams) would.
    private double[] DetectBlock(ReadOnlySpan<int> rows)
    {
        var count = _languages.Length;
        var langProb = new double[count];
        var random = new PythonRandom(Seed);
        var prob = new double[count];
        for (var t = 0; t < Trials; t++)
        {
            Array.Fill(prob, 1.0 / count);
            var alpha = AlphaDefault + random.Gauss(0.0, 1.0) * AlphaWidth;
            var weight = alpha / BaseFreq;
            for (var i = 0; ; i++)
            {
                var row = rows[random.RandBelow(rows.Length)];
                UpdateProb(prob, new ReadOnlySpan<double>(_probs, row * count, count), weight);
                if (i % 5 == 0 && (NormalizeProb(prob) > ConvThreshold || i >= IterationLimit)) break;
            }
            for (var j = 0; j < count; j++) langProb[j] += prob[j] / Trials;
        }
        return langProb;
    }

    // prob[j] *= weight + wordProb[j], lane by lane: each element sees the same two IEEE operations as the scalar loop.
    private static void UpdateProb(Span<double> prob, ReadOnlySpan<double> wordProb, double weight)
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated && prob.Length >= Vector<double>.Count)
        {
            var w = new Vector<double>(weight);
            for (; j <= prob.Length - Vector<double>.Count; j += Vector<double>.Count)
            {
                var p = new Vector<double>(prob[j..]);
                var q = new Vector<double>(wordProb[j..]);
                (p * (w + q)).CopyTo(prob[j..]);
            }
        }
        for (; j < prob.Length; j++) prob[j] *= weight + wordProb[j];
    }

    // A plain left-to-right sum, as Python 3.11's sum() of floats.
    private static double NormalizeProb(double[] prob)
    {
        var sum = 0.0;
        foreach (var p in prob) sum += p;
        var max = 0.0;
        for (var i = 0; i < prob.Length; i++)
        {
            var p = prob[i] / sum;
            if (max < p) max = p;
            prob[i] = p;
        }
        return max;
    }

    private static int CodePointLength(string word)
    {
        var length = word.Length;
        for (var i = 0; i + 1 < word.Length; i++)
        {
            if (char.IsSurrogatePair(word[i], word[i + 1])) length--;
        }
        return length;
    }

    // DetectorFactory.add_profile: P(gram | language) = count / total for the gram's length (1–3 code points).
    private static string AddProfile(string path, int index, int languageCount, Dictionary<string, double[]> map)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            var name = root.GetProperty("name").GetString() ?? throw new InvalidDataException("profile without a name");
            var nWords = root.GetProperty("n_words").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            if (nWords.Length != 3) throw new InvalidDataException("n_words must have three totals");
            foreach (var property in root.GetProperty("freq").EnumerateObject())
            {
                var word = property.Name;
                if (!map.TryGetValue(word, out var probs)) map[word] = probs = new double[languageCount];
                var length = CodePointLength(word);
                if (length is >= 1 and <= 3) probs[index] = 1.0 * property.Value.GetInt64() / nWords[length - 1];
            }
            return name;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"malformed langdetect profile {path}: {ex.Message}", ex);
        }
    }

    // langdetect folds each CJK ideograph to the first member of its class (NGram.KANJI_* in messages.properties).
    private static Dictionary<int, int>? LoadCjkClasses(string profilesDirectory)
    {
        var path = Path.Combine(profilesDirectory, "..", "utils", "messages.properties");
        if (!File.Exists(path)) return null;
        var map = new Dictionary<int, int>();
        foreach (var line in File.ReadLines(path))
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith("NGram.KANJI_", StringComparison.Ordinal)) continue;
            var members = PythonText.ToCodePoints(UnescapeJava(trimmed[(trimmed.IndexOf('=') + 1)..]));
            foreach (var member in members) map[member] = members[0];
        }
        return map.Count > 0 ? map : null;
    }

    private static string UnescapeJava(string value)
    {
        var sb = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 5 < value.Length && value[i + 1] == 'u'
                && int.TryParse(value.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                sb.Append((char)code);
                i += 5;
            }
            else
            {
                sb.Append(value[i]);
            }
        }
        return sb.ToString();
    }
}
