using System.Text.Json;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting;
using EvalHarness.Core;

namespace EvalHarness.Report;

/// <summary>One gate cell as the report's verdict block lists it.</summary>
public sealed record GateCellVerdict(string Model, string Eval, string Group, string Verdict, double? Diff, double? CiLow, double? CiHigh);

/// <summary>
/// What <c>gate</c> decided about a run, read back from the <c>gate/gate.json</c> it left in the run folder: the
/// report opens with it. A gate.json that judged another run (a copied folder) is ignored.
/// </summary>
public sealed record GateVerdictInfo(string Verdict, IReadOnlyList<string> BaselineRunIds, IReadOnlyList<string> Guards, IReadOnlyList<GateCellVerdict> Cells)
{
    public static GateVerdictInfo? Read(string runFolder, string? runId)
    {
        var path = EvalHarness.Core.Reporting.Trend.RunFolderTrendSource.GateJsonPath(runFolder);
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new EvalInputException($"{path}:1: expected a JSON object");
            if (runId is not null && Text(root, "candidate_run_id") is { } judged && !string.Equals(judged, runId, StringComparison.Ordinal)) return null;
            var baselines = Array(root, "baseline_run_ids").Where(b => b.ValueKind == JsonValueKind.String).Select(b => b.GetString()!).ToList();
            var guards = Array(root, "guards").Select(g => string.Join(": ", new[] { Text(g, "name"), Text(g, "subject"), Text(g, "detail") }.Where(t => !string.IsNullOrEmpty(t)))).ToList();
            var cells = Array(root, "cells").Select(c => new GateCellVerdict(
                Text(c, "model") ?? "", Text(c, "eval") ?? "", Text(c, "group") ?? Summary.AllGroup, Text(c, "verdict") ?? "",
                Number(c, "diff"), Number(c, "ci_low"), Number(c, "ci_high"))).ToList();
            return new GateVerdictInfo(Text(root, "verdict") ?? "", baselines, guards, cells);
        }
        catch (JsonException ex)
        {
            throw new EvalInputException($"{path}:{(ex.LineNumber ?? 0) + 1}: not valid JSON ({ex.Message})");
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
