using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting.Gate;
using EvalHarness.Core.RunFolders;

namespace EvalHarness.Core.Reporting.Trend;

/// <summary>
/// Trend points from run folders: manifest.json (run id, start time, suite, served model ids), summary.csv (one point
/// per model x eval row of the chosen group), the run's rows (served_model, only when the manifest does not list it) and
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
        var manifestPath = Path.Combine(folder, RunFolder.ManifestFileName);
        var manifest = RunFolderReader.ReadManifest(manifestPath)
            ?? throw new EvalInputException($"{manifestPath}: file not found (the trend needs each run's manifest for its start time)");
        var runId = Text(manifest["run_id"]) ?? Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
        var runSuite = Text(manifest["suite"]);
        if (suite is not null && !string.Equals(suite, runSuite, StringComparison.Ordinal)) return [];
        if (Text(manifest["started_utc"]) is not { } startedText
            || !DateTimeOffset.TryParse(startedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started))
            throw new EvalInputException($"{manifestPath}: key 'started_utc' is missing or not a time");

        var summary = SummaryCsvReader.Read(Path.Combine(folder, RunFolder.SummaryFileName));
        var served = ServedModels(folder, manifest, summary.Select(c => c.Model));
        var gate = GateVerdicts(folder, runId);
        var points = new List<TrendPoint>();
        foreach (var c in summary.Where(c => string.Equals(c.Group, group, StringComparison.Ordinal)))
        {
            var verdict = gate.Guard ? ("GUARD", false) : gate.Cells.TryGetValue((c.Model, c.Eval, group), out var v) ? v : ((string?)null, false);
            points.Add(new TrendPoint(
                runId, started, c.Model, served.TryGetValue(c.Model, out var s) ? s : null, c.Eval, group,
                (int)(c.N ?? 0), (int)(c.NErrors ?? 0), c.Mean, c.Ci95Low, c.Ci95High, c.TtftP50Ms, c.TtftP95Ms, c.CostUsd,
                verdict.Item1, verdict.Item2, runSuite));
        }
        return points;
    }

    /// <summary>
    /// Per configured model: the served ids in the manifest, else the distinct served_model values of its rows (read
    /// through <see cref="RunFolderReader"/>, and only when some model of the summary is not listed).
    /// </summary>
    private static Dictionary<string, string> ServedModels(string folder, JsonObject manifest, IEnumerable<string> models)
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
        if (models.All(result.ContainsKey) || !File.Exists(Path.Combine(folder, RunFolder.SamplesFileName))) return result;
        foreach (var byModel in RunFolderReader.ReadFolder(folder).Samples.GroupBy(r => r.Model, StringComparer.Ordinal))
        {
            if (result.ContainsKey(byModel.Key)) continue;
            if (Join(byModel.Select(r => r.Column("served_model"))) is { } joined) result[byModel.Key] = joined;
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
}
