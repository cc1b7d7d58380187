using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting.Gate;

namespace EvalHarness.Core.Reporting.Trend;

/// <summary>
/// Trend points from run folders: manifest.json (run id, start time, suite, served model ids), summary.csv (one point
/// per model x eval row of the chosen group), samples.csv (served_model, only when the manifest does not list it) and
/// the gate's verdict of that night, gate/gate.json, when present.
/// </summary>
public sealed class RunFolderTrendSource(IReadOnlyList<string> folders, string group = Summary.AllGroup, string? suite = null) : ITrendSource
{
    /// <summary>Where gate writes its machine verdict inside the candidate run folder.</summary>
    public static string GateJsonPath(string folder) => Path.Combine(folder, "gate", GateJson.FileName);

    public Task<IReadOnlyList<TrendPoint>> LoadAsync(CancellationToken ct) => Task.FromResult(Load(ct));

    /// <summary>Reads every folder (small files, synchronously); bad input is an EvalInputException naming the file.</summary>
    public IReadOnlyList<TrendPoint> Load(CancellationToken ct = default)
    {
        if (folders.Count == 0) throw new EvalInputException("trend: no run folder given");
        var points = new List<TrendPoint>();
        foreach (var folder in folders)
        {
            ct.ThrowIfCancellationRequested();
            points.AddRange(Read(folder));
        }
        return points;
    }

    private IEnumerable<TrendPoint> Read(string folder)
    {
        if (!Directory.Exists(folder)) throw new EvalInputException($"{folder}: run folder not found");
        var manifestPath = Path.Combine(folder, "manifest.json");
        if (!File.Exists(manifestPath)) throw new EvalInputException($"{manifestPath}: file not found (the trend needs each run's manifest for its start time)");
        var manifest = ParseObject(manifestPath);
        var runId = Text(manifest["run_id"]) ?? Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
        var runSuite = Text(manifest["suite"]);
        if (suite is not null && !string.Equals(suite, runSuite, StringComparison.Ordinal)) return [];
        if (Text(manifest["started_utc"]) is not { } startedText
            || !DateTimeOffset.TryParse(startedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started))
            throw new EvalInputException($"{manifestPath}: key 'started_utc' is missing or not a time");

        var summaryPath = Path.Combine(folder, "summary.csv");
        if (!File.Exists(summaryPath)) throw new EvalInputException($"{summaryPath}: file not found");
        var (header, rows) = CsvTable.Read(summaryPath);
        foreach (var column in new[] { "model", "eval", "group", "n", "mean_score" })
        {
            if (!header.Contains(column, StringComparer.Ordinal)) throw new EvalInputException($"{summaryPath}:1: missing required column '{column}'");
        }
        var served = ServedModels(folder, manifest);
        var gate = GateVerdicts(folder, runId);
        var points = new List<TrendPoint>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if (!string.Equals(Col(r, "group"), group, StringComparison.Ordinal)) continue;
            var line = i + 2;
            var (model, eval) = (Col(r, "model"), Col(r, "eval"));
            var verdict = gate.Guard ? ("GUARD", false) : gate.Cells.TryGetValue((model, eval, group), out var v) ? v : ((string?)null, false);
            points.Add(new TrendPoint(
                runId, started, model, served.TryGetValue(model, out var s) ? s : null, eval, group,
                (int)(Num(summaryPath, line, r, "n") ?? 0), (int)(Num(summaryPath, line, r, "n_errors") ?? 0),
                Num(summaryPath, line, r, "mean_score"), Num(summaryPath, line, r, "ci95_low"), Num(summaryPath, line, r, "ci95_high"),
                Num(summaryPath, line, r, "ttft_p50_ms"), Num(summaryPath, line, r, "ttft_p95_ms"), Num(summaryPath, line, r, "cost_usd"),
                verdict.Item1, verdict.Item2, runSuite));
        }
        return points;
    }

    /// <summary>Per configured model: the served ids in the manifest, else the distinct served_model values in samples.csv.</summary>
    private static Dictionary<string, string> ServedModels(string folder, JsonObject manifest)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (manifest["served_models"] is JsonObject listed)
        {
            foreach (var (model, ids) in listed)
            {
                var joined = Join((ids as JsonArray ?? []).Select(Text));
                if (joined is not null) result[model] = joined;
            }
        }
        var samplesPath = Path.Combine(folder, "samples.csv");
        if (!File.Exists(samplesPath)) return result;
        var (header, rows) = CsvTable.Read(samplesPath);
        if (!header.Contains("served_model", StringComparer.Ordinal)) return result;
        foreach (var byModel in rows.GroupBy(r => Col(r, "model"), StringComparer.Ordinal))
        {
            if (result.ContainsKey(byModel.Key)) continue;
            if (Join(byModel.Select(r => Col(r, "served_model"))) is { } joined) result[byModel.Key] = joined;
        }
        return result;
    }

    private static string? Join(IEnumerable<string?> ids)
    {
        var distinct = ids.Where(id => !string.IsNullOrEmpty(id)).Select(id => id!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? null : string.Join('+', distinct);
    }

    internal sealed record GateFile(bool Guard, Dictionary<(string Model, string Eval, string Group), (string?, bool)> Cells);

    /// <summary>The gate.json of this run (ignored when it judged another run id, e.g. a copied folder).</summary>
    internal static GateFile GateVerdicts(string folder, string runId)
    {
        var cells = new Dictionary<(string, string, string), (string?, bool)>();
        var path = GateJsonPath(folder);
        if (!File.Exists(path)) return new GateFile(false, cells);
        var gate = ParseObject(path);
        if (Text(gate["candidate_run_id"]) is { } judged && !string.Equals(judged, runId, StringComparison.Ordinal)) return new GateFile(false, cells);
        foreach (var c in (gate["cells"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Text(c["model"]) is not { } m || Text(c["eval"]) is not { } e) continue;
            var underpowered = c["underpowered"] is JsonValue u && u.TryGetValue<bool>(out var b) && b;
            cells[(m, e, Text(c["group"]) ?? Summary.AllGroup)] = (Text(c["verdict"]), underpowered);
        }
        return new GateFile(Text(gate["verdict"]) == "GUARD", cells);
    }

    private static JsonObject ParseObject(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new EvalInputException($"{path}:1: expected a JSON object");
        }
        catch (JsonException ex)
        {
            throw new EvalInputException($"{path}:{(ex.LineNumber ?? 0) + 1}: not valid JSON ({ex.Message})");
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node is JsonValue n ? n.ToJsonString() : null;

    private static string Col(Dictionary<string, string> row, string column) => row.TryGetValue(column, out var v) ? v.Trim() : "";

    private static double? Num(string file, int line, Dictionary<string, string> row, string column)
    {
        var text = Col(row, column);
        if (text.Length == 0) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new EvalInputException($"{file}:{line}: column '{column}': '{text}' is not a number");
    }
}
