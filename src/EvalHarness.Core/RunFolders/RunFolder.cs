using System.Text.Json.Nodes;

namespace EvalHarness.Core.RunFolders;

/// <summary>
/// A run folder (or a lone samples.csv) read once: every consumer (compare, gate, report, trend, score, history) reads
/// runs through <see cref="RunFolderReader"/> and gets this.
/// </summary>
/// <param name="Directory">The folder holding the files (the samples.csv's folder when a file was given).</param>
/// <param name="SamplesFile">The samples.csv that was read.</param>
/// <param name="RunId">From the manifest, else the rows' run_id, else the folder name.</param>
/// <param name="Manifest">manifest.json beside samples.csv, or null when there is none.</param>
/// <param name="Samples">Rows in file order, eval-specific columns joined in.</param>
/// <param name="EvalColumnFiles">The <c>samples_&lt;eval&gt;.csv</c> files joined, by eval (empty for an old single-file run).</param>
public sealed record RunFolder(
    string Directory, string SamplesFile, string RunId, JsonObject? Manifest, IReadOnlyList<SampleRow> Samples,
    IReadOnlyDictionary<string, string> EvalColumnFiles)
{
    public const string SamplesFileName = "samples.csv";
    public const string ManifestFileName = "manifest.json";
    public const string SummaryFileName = "summary.csv";
    public const string JournalFileName = "responses.jsonl";

    /// <summary>The eval-specific file of one eval: <c>samples_&lt;eval&gt;.csv</c>.</summary>
    public static string EvalSamplesFileName(string eval) => $"samples_{eval}.csv";

    public string SummaryPath => Path.Combine(Directory, SummaryFileName);

    public string JournalPath => Path.Combine(Directory, JournalFileName);

    /// <summary>A manifest string (or number, as its JSON text) at the top level; null when absent.</summary>
    public string? ManifestText(string name) => Manifest?[name] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };
}
