using System.Globalization;

namespace EvalHarness.Core.Text.Punkt;

/// <summary>
/// The four tables of a trained Punkt model (NLTK <c>PunktParameters</c>), read from NLTK's <c>punkt_tab</c> layout:
/// <c>abbrev_types.txt</c>, <c>collocations.tab</c>, <c>sent_starters.txt</c>, <c>ortho_context.tab</c>.
/// The model is third-party data: it is loaded at run time from a folder the user names, never shipped.
/// </summary>
internal sealed class PunktModel
{
    /// <summary>Orthographic context flags (NLTK <c>_ORTHO_*</c>).</summary>
    internal const int BegUc = 1 << 1, MidUc = 1 << 2, UnkUc = 1 << 3, BegLc = 1 << 4, MidLc = 1 << 5, UnkLc = 1 << 6;

    internal const int Uc = BegUc | MidUc | UnkUc;
    internal const int Lc = BegLc | MidLc | UnkLc;

    /// <summary>The files that make up a model folder.</summary>
    public static readonly IReadOnlyList<string> FileNames =
        ["abbrev_types.txt", "collocations.tab", "sent_starters.txt", "ortho_context.tab"];

    private readonly Dictionary<string, int> _orthoContext;

    public PunktModel(
        IEnumerable<string> abbrevTypes,
        IEnumerable<(string First, string Second)> collocations,
        IEnumerable<string> sentStarters,
        IReadOnlyDictionary<string, int> orthoContext)
    {
        AbbrevTypes = new HashSet<string>(abbrevTypes, StringComparer.Ordinal);
        Collocations = new HashSet<(string, string)>(collocations);
        SentStarters = new HashSet<string>(sentStarters, StringComparer.Ordinal);
        _orthoContext = new Dictionary<string, int>(orthoContext, StringComparer.Ordinal);
    }

    /// <summary>Where the model was loaded from, or null when built in memory.</summary>
    public string? SourceDirectory { get; private init; }

    /// <summary>Lowercase abbreviation types without their final period.</summary>
    public IReadOnlySet<string> AbbrevTypes { get; }

    /// <summary>Type pairs across which a period never breaks a sentence.</summary>
    public IReadOnlySet<(string, string)> Collocations { get; }

    /// <summary>Frequent sentence-starter types.</summary>
    public IReadOnlySet<string> SentStarters { get; }

    /// <summary>Number of types with a recorded orthographic context.</summary>
    public int OrthoContextCount => _orthoContext.Count;

    /// <summary>The orthographic-context flags of a type (0 when unseen, as NLTK's <c>defaultdict(int)</c>).</summary>
    public int GetOrthoContext(string type) => _orthoContext.GetValueOrDefault(type);

    /// <summary>Loads the four tables from a <c>punkt_tab/&lt;language&gt;</c> folder.</summary>
    /// <exception cref="FileNotFoundException">a table file is missing.</exception>
    /// <exception cref="InvalidDataException">a table line is malformed.</exception>
    public static PunktModel Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var abbrev = ReadLines(Path.Combine(directory, "abbrev_types.txt"));
        var starters = ReadLines(Path.Combine(directory, "sent_starters.txt"));
        var collocations = new List<(string, string)>();
        foreach (var line in ReadLines(Path.Combine(directory, "collocations.tab")))
        {
            var parts = line.Split('\t');
            if (parts.Length != 2) throw new InvalidDataException($"collocations.tab: expected two tab-separated types, got '{line}'");
            collocations.Add((parts[0], parts[1]));
        }
        var ortho = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in ReadLines(Path.Combine(directory, "ortho_context.tab")))
        {
            var tab = line.LastIndexOf('\t');
            if (tab < 0 || !int.TryParse(line.AsSpan(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var flags))
            {
                throw new InvalidDataException($"ortho_context.tab: expected 'type<TAB>flags', got '{line}'");
            }
            ortho[line[..tab]] = flags;
        }
        return new PunktModel(abbrev, collocations, starters, ortho) { SourceDirectory = Path.GetFullPath(directory) };
    }

    /// <summary>
    /// Finds an English <c>punkt_tab</c> model folder: <paramref name="userDirectory"/> (the model folder itself, a
    /// <c>punkt_tab</c> folder or an <c>nltk_data</c> root), then each entry of <c>NLTK_DATA</c>, then NLTK's standard
    /// <c>nltk_data</c> locations. Returns null when none holds all four tables.
    /// </summary>
    public static string? TryLocate(string? userDirectory, string language = "english")
    {
        foreach (var root in CandidateRoots(userDirectory))
        {
            foreach (var dir in ModelDirectories(root, language))
            {
                if (FileNames.All(f => File.Exists(Path.Combine(dir, f)))) return Path.GetFullPath(dir);
            }
        }
        return null;
    }

    /// <summary><see cref="TryLocate"/> then <see cref="Load"/>; null when no model is found.</summary>
    public static PunktModel? TryLoad(string? userDirectory, string language = "english")
    {
        var dir = TryLocate(userDirectory, language);
        return dir is null ? null : Load(dir);
    }

    private static IEnumerable<string> CandidateRoots(string? userDirectory)
    {
        if (!string.IsNullOrWhiteSpace(userDirectory)) yield return userDirectory;
        var env = Environment.GetEnvironmentVariable("NLTK_DATA");
        if (!string.IsNullOrEmpty(env))
        {
            foreach (var part in env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)) yield return part;
        }
        // nltk.data.path defaults (Unix and Windows).
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home)) yield return Path.Combine(home, "nltk_data");
        if (OperatingSystem.IsWindows())
        {
            var appData = Environment.GetEnvironmentVariable("APPDATA");
            if (!string.IsNullOrEmpty(appData)) yield return Path.Combine(appData, "nltk_data");
            yield return @"C:\nltk_data";
            yield return @"D:\nltk_data";
            yield return @"E:\nltk_data";
        }
        else
        {
            yield return "/usr/share/nltk_data";
            yield return "/usr/local/share/nltk_data";
            yield return "/usr/lib/nltk_data";
            yield return "/usr/local/lib/nltk_data";
        }
    }

    private static IEnumerable<string> ModelDirectories(string root, string language)
    {
        yield return root;
        yield return Path.Combine(root, language);
        yield return Path.Combine(root, "punkt_tab", language);
        yield return Path.Combine(root, "tokenizers", "punkt_tab", language);
    }

    // One entry per line, kept verbatim (the abbreviation list's first entry ". . " ends with a space).
    private static List<string> ReadLines(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Punkt model table not found: {path}", path);
        var lines = new List<string>();
        foreach (var raw in File.ReadAllText(path).Split('\n'))
        {
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (line.Length > 0) lines.Add(line);
        }
        return lines;
    }
}
