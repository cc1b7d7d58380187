using System.Globalization;
using System.Text.Json.Nodes;
using EvalHarness.Core.Reporting.Gate;
using EvalHarness.Core.RunFolders;

namespace EvalHarness.Core.History;

public sealed partial record RecordedRun
{
    /// <summary>
    /// A run folder as the history stores it: the rows and manifest read once by <see cref="RunFolderReader"/>, the
    /// eval facts as the gate sees them, and summary.csv when present (an interrupted run may have none).
    /// </summary>
    public static RecordedRun From(RunFolder run)
    {
        var gateRun = GateRun.From(run, run.Directory);
        var cells = File.Exists(run.SummaryPath)
            ? SummaryCsvReader.Read(run.SummaryPath).Select(c => new RecordedCell(
                c.Model, c.Eval, c.Group, c.N, c.NErrors, c.Mean, c.Ci95Low, c.Ci95High, c.TtftP50Ms, c.TtftP95Ms,
                c.LatencyP50Ms, c.LatencyP95Ms, c.PromptTokens, c.CompletionTokens, c.CostUsd, c.NLength)).ToList()
            : [];
        var manifest = run.Manifest;
        var served = manifest?["served_models"] as JsonObject;
        var modelNames = run.Samples.Select(s => s.Model).Distinct(StringComparer.Ordinal).ToList();
        var models = new List<RecordedModel>();
        foreach (var m in (manifest?["models"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = Text(m["name"]);
            if (name is null) continue;
            modelNames.Remove(name);
            var servedIds = (served?[name] as JsonArray ?? []).Select(Text).Where(t => t is not null).ToList();
            models.Add(new RecordedModel(name, servedIds.Count > 0 ? string.Join(",", servedIds) : null, Host(Text(m["base_url"]))));
        }
        models.AddRange(modelNames.Select(n => new RecordedModel(n, null, null)));

        return new RecordedRun(
            gateRun.RunId, Utc(run.ManifestText("started_utc")), Utc(run.ManifestText("finished_utc")), gateRun.Suite,
            run.ManifestText("seed"), gateRun.Status, run.ManifestText("git_commit"), run.ManifestText("harness_version"),
            run.ManifestText("command_line"), run.Directory, models,
            (gateRun.Evals?.Values ?? []).OrderBy(e => e.Eval, StringComparer.Ordinal).ToList(), cells, run.Samples);
    }

    /// <summary>Host only: a base URL may carry a path, query or user info that does not belong in the history.</summary>
    private static string? Host(string? baseUrl) =>
        baseUrl is null ? null : Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri.Host : baseUrl.Contains('/', StringComparison.Ordinal) ? null : baseUrl;

    /// <summary>Timestamps as sortable UTC text (yyyy-MM-ddTHH:mm:ss.fffZ).</summary>
    internal static string? Utc(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node is JsonValue n ? n.ToJsonString() : null;
}
