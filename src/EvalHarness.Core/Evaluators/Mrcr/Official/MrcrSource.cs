using System.Globalization;
using System.Text.RegularExpressions;

namespace EvalHarness.Core.Evaluators.Mrcr.Official;

/// <summary>
/// Finds the files of an MRCR source: a directory holding the v2 layout (<c>{n}needle/{n}needle_{0,1}.parquet</c>) or
/// the v1 layout (<c>{n}needle.parquet</c>) or <c>*.jsonl</c> files; or a single parquet / JSONL file. When a
/// directory holds both layouts, v2 (the 2025-12-05 fix) wins unless <c>dataset_version=v1</c> is asked.
/// </summary>
internal sealed partial class MrcrSource
{
    private MrcrSource(string path, string version, IReadOnlyList<MrcrSourceFile> files)
    {
        Path = path;
        Version = version;
        Files = files;
    }

    public string Path { get; }

    /// <summary><c>v1</c>, <c>v2</c> or <c>unknown</c>; v1 and v2 scores are not strictly comparable.</summary>
    public string Version { get; }

    /// <summary>Files in reading order: needle count ascending, then part 0 before part 1.</summary>
    public IReadOnlyList<MrcrSourceFile> Files { get; }

    /// <param name="needles">Only files for these needle counts (files whose name gives no count are always kept).</param>
    /// <param name="version">null (prefer v2), <c>v1</c> or <c>v2</c>.</param>
    public static MrcrSource Open(string path, IReadOnlyCollection<int>? needles = null, string? version = null)
    {
        if (version is not null && version != "v1" && version != "v2")
            throw new EvalInputException($"option 'dataset_version': '{version}' is not v1 or v2");
        bool Wanted(int? n) => n is null || needles is null || needles.Contains(n.Value);

        if (File.Exists(path)) return new MrcrSource(path, FileVersion(path), [Describe(path)]);
        if (!Directory.Exists(path)) throw new EvalInputException($"MRCR source '{path}' is neither a file nor a directory");

        var v2 = new List<MrcrSourceFile>();
        var v1 = new List<MrcrSourceFile>();
        foreach (var n in new[] { 2, 4, 8 })
        {
            if (!Wanted(n)) continue;
            for (var part = 0; part < 2; part++)
            {
                var f = System.IO.Path.Combine(path, $"{n}needle", $"{n}needle_{part}.parquet");
                if (File.Exists(f)) v2.Add(new MrcrSourceFile(f, MrcrFileFormat.Parquet, n, "v2"));
            }
            var f1 = System.IO.Path.Combine(path, $"{n}needle.parquet");
            if (File.Exists(f1)) v1.Add(new MrcrSourceFile(f1, MrcrFileFormat.Parquet, n, "v1"));
        }
        if (version != "v1" && v2.Count > 0) return new MrcrSource(path, "v2", v2);
        if (version != "v2" && v1.Count > 0) return new MrcrSource(path, "v1", v1);
        if (version is not null) throw new EvalInputException($"MRCR source '{path}': no {version} files for the requested needle counts");

        var jsonl = Directory.GetFiles(path, "*.jsonl", SearchOption.TopDirectoryOnly);
        Array.Sort(jsonl, StringComparer.Ordinal);
        if (jsonl.Length > 0) return new MrcrSource(path, "unknown", [.. jsonl.Select(Describe).Where(f => Wanted(f.NNeedles))]);
        throw new EvalInputException(
            $"MRCR source '{path}': no {{n}}needle/{{n}}needle_{{0,1}}.parquet (v2), {{n}}needle.parquet (v1) or *.jsonl files for the requested needle counts");
    }

    private static MrcrSourceFile Describe(string file)
    {
        var name = System.IO.Path.GetFileName(file);
        var format = name.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? MrcrFileFormat.Parquet
            : name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? MrcrFileFormat.Jsonl
            : throw new EvalInputException($"MRCR source '{file}': expected a .parquet or .jsonl file");
        var m = NeedleNameRegex().Match(name);
        int? n = m.Success ? int.Parse(m.Groups["n"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) : null;
        return new MrcrSourceFile(file, format, n, FileVersion(file));
    }

    private static string FileVersion(string file)
    {
        var name = System.IO.Path.GetFileName(file);
        if (V2NameRegex().IsMatch(name)) return "v2";
        if (V1NameRegex().IsMatch(name)) return "v1";
        return "unknown";
    }

    [GeneratedRegex(@"\A(?<n>[0-9]+)needle", RegexOptions.CultureInvariant)]
    private static partial Regex NeedleNameRegex();

    [GeneratedRegex(@"\A[0-9]+needle_[0-9]+\.parquet\z", RegexOptions.CultureInvariant)]
    private static partial Regex V2NameRegex();

    [GeneratedRegex(@"\A[0-9]+needle\.parquet\z", RegexOptions.CultureInvariant)]
    private static partial Regex V1NameRegex();
}
