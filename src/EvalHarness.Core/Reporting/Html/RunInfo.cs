using System.Text.Json;
using EvalHarness.Core.Evaluators;

namespace EvalHarness.Core.Reporting.Html;

/// <summary>What the report shows about one input: its samples.csv and, when present beside it, its manifest.json.</summary>
public sealed record RunInfo(string Source, string? RunId, string? HarnessVersion, string? GitCommit, string? Suite, string? Seed, string? StartedUtc, string? FinishedUtc, string? Status)
{
    public const string ManifestFileName = "manifest.json";

    /// <summary>The gate's verdict on this run (<c>gate/gate.json</c> in its folder), null when it was not gated.</summary>
    public GateVerdictInfo? Gate { get; init; }

    /// <summary>Reads the manifest beside the samples file, if any; malformed JSON is an input error naming file and line.</summary>
    public static RunInfo Read(string samplesFile)
    {
        var manifest = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(samplesFile)) ?? ".", ManifestFileName);
        if (!File.Exists(manifest)) return new RunInfo(samplesFile, null, null, null, null, null, null, null, null);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new EvalInputException($"{manifest}:1: expected a JSON object");
            string? Get(string name) => root.TryGetProperty(name, out var v) ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
                _ => null,
            } : null;
            return new RunInfo(samplesFile, Get("run_id"), Get("harness_version"), Get("git_commit"), Get("suite"), Get("seed"),
                Get("started_utc"), Get("finished_utc"), Get("status"))
            {
                Gate = GateVerdictInfo.Read(Path.GetDirectoryName(manifest)!, Get("run_id")),
            };
        }
        catch (JsonException ex)
        {
            throw new EvalInputException($"{manifest}:{(ex.LineNumber ?? 0) + 1}: not valid JSON ({ex.Message})");
        }
    }
}
