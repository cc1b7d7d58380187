using System.Text.Json.Nodes;
using EvalHarness.Core.RunFolders;

namespace EvalHarness.Core.Reporting.Gate;

/// <summary>What manifest.json says about one eval of a run: the facts that must match before runs are compared.</summary>
public sealed record EvalFacts(string Eval, string? SamplesSha256, string? DatasetVersion, IReadOnlyList<string> FileSha256);

/// <summary>
/// One run as the gate sees it: its per-sample rows and the manifest facts. A run folder produces one today; a history
/// database can produce the same record later (<see cref="IBaselineSource"/>).
/// </summary>
/// <param name="Evals">Null when the run has no manifest (its dataset versions cannot be checked).</param>
public sealed record GateRun(string RunId, string Source, string? Suite, string Status, IReadOnlyList<SampleRow> Records, IReadOnlyDictionary<string, EvalFacts>? Evals)
{
    /// <summary>A run folder as read by <see cref="RunFolderReader"/>: its rows, and the eval facts of its manifest.</summary>
    /// <param name="source">How the verdict names the run (the folder as given).</param>
    public static GateRun From(RunFolder run, string source)
    {
        if (run.Manifest is not { } manifest) return new GateRun(run.RunId, source, null, "unknown", run.Samples, null);
        var evals = new Dictionary<string, EvalFacts>(StringComparer.Ordinal);
        foreach (var e in (manifest["evals"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = Text(e["name"]);
            if (name is null) continue;
            var details = e["details"] as JsonObject;
            var files = (details?["files"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(f => Text(f["sha256"])).Where(h => h is not null).Select(h => h!).Order(StringComparer.Ordinal).ToList();
            evals[name] = new EvalFacts(name, Text(e["samples_sha256"]), Text(details?["dataset_version"]), files);
        }
        return new GateRun(run.RunId, source, run.ManifestText("suite"), run.ManifestText("status") ?? "unknown", run.Samples, evals);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node is JsonValue n ? n.ToJsonString() : null;
}

/// <summary>The gate's decision on one cell.</summary>
public enum GateVerdict
{
    Pass,
    Warn,
    Fail,
}

/// <summary>A hard limit that was exceeded: no statistical verdict is given when any guard trips.</summary>
public sealed record GateGuard(string Name, string Subject, string Message);

/// <summary>
/// One gate cell: candidate − pooled baseline on the paired samples of (eval, model). <see cref="CiLevel"/> is the
/// Holm-adjusted confidence level of <see cref="Low"/>..<see cref="High"/>; <see cref="Ci95Low"/>/<see cref="Ci95High"/>
/// is the unadjusted 95% interval for reference.
/// </summary>
public sealed record GateCell(
    string Eval, string Group, string Model, string BaselineModel, double Delta,
    int NPaired, double MeanBaseline, double MeanCandidate, double Diff,
    double Ci95Low, double Ci95High, double PValue, double PHolm, int HolmRank, double CiLevel, double Low, double High,
    double Mde, string Method, bool Significant, GateVerdict Verdict, bool Underpowered, string Reason, string Warning)
{
    public string Name => Group == Summary.AllGroup ? $"{Eval} / {Model}" : $"{Eval} / {Group} / {Model}";
}

public sealed record GateReport(
    string Candidate, IReadOnlyList<string> Baselines, GateSettings Settings, IReadOnlyList<GateGuard> Guards,
    IReadOnlyList<GateCell> Cells, IReadOnlyList<string> Notes)
{
    public bool GuardTripped => Guards.Count > 0;

    public bool Regression => !GuardTripped && Cells.Any(c => c.Verdict == GateVerdict.Fail);

    /// <summary>GUARD, FAIL, WARN or PASS: the headline of the verdict block.</summary>
    public string Outcome =>
        GuardTripped ? "GUARD" : Regression ? "FAIL" : Cells.Any(c => c.Verdict == GateVerdict.Warn) ? "WARN" : "PASS";
}
