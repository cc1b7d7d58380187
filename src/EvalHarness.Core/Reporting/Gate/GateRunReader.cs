using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting.Comparison;

namespace EvalHarness.Core.Reporting.Gate;

/// <summary>Reads a run folder (samples.csv + manifest.json) into a <see cref="GateRun"/>.</summary>
public static class GateRunReader
{
    public static GateRun Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new EvalInputException($"{folder}: run folder not found");
        var samples = SampleSetReader.Load(folder);
        var runId = Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        var manifestPath = Path.Combine(folder, "manifest.json");
        if (!File.Exists(manifestPath)) return new GateRun(runId, folder, null, "unknown", samples.Records, null);
        JsonNode? manifest;
        try
        {
            manifest = JsonNode.Parse(File.ReadAllText(manifestPath));
        }
        catch (JsonException ex)
        {
            throw new EvalInputException($"{manifestPath}:{(ex.LineNumber ?? 0) + 1}: not valid JSON ({ex.Message})");
        }
        var evals = new Dictionary<string, EvalFacts>(StringComparer.Ordinal);
        foreach (var e in (manifest?["evals"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = Text(e["name"]);
            if (name is null) continue;
            var details = e["details"] as JsonObject;
            var files = (details?["files"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(f => Text(f["sha256"])).Where(h => h is not null).Select(h => h!).Order(StringComparer.Ordinal).ToList();
            evals[name] = new EvalFacts(name, Text(e["samples_sha256"]), Text(details?["dataset_version"]), files);
        }
        return new GateRun(
            Text(manifest?["run_id"]) ?? runId, folder, Text(manifest?["suite"]), Text(manifest?["status"]) ?? "unknown",
            samples.Records, evals);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node is JsonValue n ? n.ToJsonString() : null;
}
