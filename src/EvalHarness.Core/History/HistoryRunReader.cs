using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Gate;

namespace EvalHarness.Core.History;

/// <summary>
/// Reads a finished run folder into a <see cref="RecordedRun"/> with the existing readers: samples and manifest facts
/// through <see cref="GateRunReader"/>, summary.csv and the extra sample columns through <see cref="CsvTable"/>.
/// </summary>
public static class HistoryRunReader
{
    /// <summary>A folder holding samples.csv (what every finished or interrupted run writes).</summary>
    public static bool IsRunFolder(string folder) => Directory.Exists(folder) && File.Exists(System.IO.Path.Combine(folder, "samples.csv"));

    public static RecordedRun Read(string folder)
    {
        var gateRun = GateRunReader.Load(folder);
        var samplesPath = System.IO.Path.Combine(folder, "samples.csv");
        var (_, rawSamples) = CsvTable.Read(samplesPath);
        if (rawSamples.Count != gateRun.Records.Count) throw new EvalInputException($"{samplesPath}: changed while it was read");
        var samples = gateRun.Records.Select((r, i) => new RecordedSample(
            r, Cell(rawSamples[i], "error_kind"), Cell(rawSamples[i], "served_model"))).ToList();

        var summaryPath = System.IO.Path.Combine(folder, "summary.csv");
        var cells = new List<RecordedCell>();
        if (File.Exists(summaryPath))
        {
            var (_, rows) = CsvTable.Read(summaryPath);
            for (var i = 0; i < rows.Count; i++)
            {
                var row = new Row(summaryPath, i + 2, rows[i]);
                cells.Add(new RecordedCell(
                    Cell(rows[i], "model") ?? "", Cell(rows[i], "eval") ?? "", Cell(rows[i], "group") ?? "",
                    row.Int("n"), row.Int("n_errors"), row.Num("mean_score"), row.Num("ci95_low"), row.Num("ci95_high"),
                    row.Num("ttft_p50_ms"), row.Num("ttft_p95_ms"), row.Num("latency_p50_ms"), row.Num("latency_p95_ms"),
                    row.Int("prompt_tokens"), row.Int("completion_tokens"), row.Num("cost_usd"), row.Int("n_length")));
            }
        }

        JsonObject? manifest = null;
        var manifestPath = System.IO.Path.Combine(folder, "manifest.json");
        if (File.Exists(manifestPath))
        {
            try
            {
                manifest = JsonNode.Parse(File.ReadAllText(manifestPath)) as JsonObject;
            }
            catch (JsonException ex)
            {
                throw new EvalInputException($"{manifestPath}: not valid JSON ({ex.Message})");
            }
        }
        var served = manifest?["served_models"] as JsonObject;
        var modelNames = samples.Select(s => s.Record.Model).Distinct(StringComparer.Ordinal).ToList();
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
            gateRun.RunId, Utc(Text(manifest?["started_utc"])), Utc(Text(manifest?["finished_utc"])), gateRun.Suite,
            Text(manifest?["seed"]), gateRun.Status, Text(manifest?["git_commit"]), Text(manifest?["harness_version"]),
            Text(manifest?["command_line"]), System.IO.Path.GetFullPath(folder), models,
            (gateRun.Evals?.Values ?? []).OrderBy(e => e.Eval, StringComparer.Ordinal).ToList(), cells, samples);
    }

    /// <summary>Host only: a base URL may carry a path, query or user info that does not belong in the history.</summary>
    private static string? Host(string? baseUrl) =>
        baseUrl is null ? null : Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri.Host : baseUrl.Contains('/', StringComparison.Ordinal) ? null : baseUrl;

    /// <summary>Timestamps as sortable UTC text (yyyy-MM-ddTHH:mm:ss.fffZ).</summary>
    internal static string? Utc(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            : null;

    private static string? Cell(Dictionary<string, string> row, string column) =>
        row.TryGetValue(column, out var v) && v.Trim().Length > 0 ? v.Trim() : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node is JsonValue n ? n.ToJsonString() : null;

    private readonly record struct Row(string File, int Line, Dictionary<string, string> Values)
    {
        public double? Num(string column) =>
            Cell(Values, column) is not { } text ? null
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new EvalInputException($"{File}:{Line}: column '{column}': '{text}' is not a number");

        public long? Int(string column) =>
            Cell(Values, column) is not { } text ? null
            : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
            : throw new EvalInputException($"{File}:{Line}: column '{column}': '{text}' is not an integer");
    }
}
