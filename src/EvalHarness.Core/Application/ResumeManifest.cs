using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;

namespace EvalHarness.Core.Application;

/// <summary>
/// The options of an interrupted run, read back from its manifest.json so that <c>run --resume DIR</c> needs no
/// retyping. An option given again on the command line must equal the recorded one (exit code 2 otherwise): a resume
/// with other options would mix two runs in one journal.
/// </summary>
public sealed class ResumeManifest
{
    private ResumeManifest(string path) => Path = path;

    public string Path { get; }

    public string RunId { get; private init; } = "";

    public string Suite { get; private init; } = "";

    public int Seed { get; private init; }

    public int? Limit { get; private init; }

    public IReadOnlyList<string> Models { get; private init; } = [];

    /// <summary>The shard the interrupted run was (<c>run --shard k/N</c>); null for a whole-plan run.</summary>
    public Running.ShardSpec? Shard { get; private init; }

    /// <summary>Eval name -> the options the run used (merged from settings, suite and command line), in run order.</summary>
    public IReadOnlyList<(string Eval, Dictionary<string, string> Options)> Evals { get; private init; } = [];

    public static ResumeManifest Load(string runDir)
    {
        if (File.Exists(runDir) || !Directory.Exists(runDir)) throw new EvalInputException($"{runDir}: --resume needs a run folder");
        if (!File.Exists(System.IO.Path.Combine(runDir, "responses.jsonl"))) throw new EvalInputException($"{runDir}: no responses.jsonl to resume");
        var path = System.IO.Path.Combine(runDir, "manifest.json");
        if (!File.Exists(path)) throw new EvalInputException($"{path}: file not found; cannot tell which options the run used");
        JsonObject manifest;
        try
        {
            manifest = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new EvalInputException($"{path}: expected a JSON object");
        }
        catch (JsonException ex)
        {
            throw new EvalInputException($"{path}:{(ex.LineNumber ?? 0) + 1}: malformed JSON");
        }
        string Text(JsonNode? node, string field) => node is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw new EvalInputException($"{path}: field '{field}' is missing or not a string");
        var evals = new List<(string, Dictionary<string, string>)>();
        int? limit = null;
        foreach (var e in manifest["evals"] as JsonArray ?? throw new EvalInputException($"{path}: field 'evals' is missing"))
        {
            var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (k, v) in e?["options"] as JsonObject ?? []) options[k] = Text(v, "evals[].options." + k);
            evals.Add((Text(e?["name"], "evals[].name"), options));
            if (e?["limit"] is JsonValue l && l.TryGetValue<int>(out var n)) limit = n;
        }
        var models = (manifest["models"] as JsonArray ?? throw new EvalInputException($"{path}: field 'models' is missing"))
            .Select(m => Text(m?["name"], "models[].name")).ToList();
        return new ResumeManifest(path)
        {
            RunId = manifest["run_id"] is JsonValue id && id.TryGetValue<string>(out var runId) ? runId : System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(runDir))),
            Suite = Text(manifest["suite"], "suite"),
            Seed = manifest["seed"] is JsonValue s && s.TryGetValue<int>(out var seed) ? seed : throw new EvalInputException($"{path}: field 'seed' is missing"),
            Limit = limit,
            Models = models,
            Evals = evals,
            Shard = manifest["shard"] is JsonObject shard && shard["k"] is JsonValue kv && kv.TryGetValue<int>(out var sk)
                && shard["n"] is JsonValue nv && nv.TryGetValue<int>(out var sn) && sk >= 1 && sk <= sn
                ? new Running.ShardSpec(sk, sn)
                : null,
        };
    }

    /// <summary>The recorded value; a value also given on the command line must be the same.</summary>
    public string Pick(string option, string? given, string recorded) =>
        given is null || string.Equals(given, recorded, StringComparison.OrdinalIgnoreCase) ? recorded : throw Differs(option, given, recorded);

    public int? Pick(string option, int? given, int? recorded) =>
        given is null || given == recorded
            ? recorded
            : throw Differs(option, given.Value.ToString(CultureInfo.InvariantCulture), recorded?.ToString(CultureInfo.InvariantCulture) ?? "(not set)");

    public IReadOnlyList<string> PickList(string option, IReadOnlyList<string> given, IReadOnlyList<string> recorded)
    {
        if (given.Count > 0 && !given.SequenceEqual(recorded, StringComparer.OrdinalIgnoreCase))
            throw Differs(option, string.Join(",", given), string.Join(",", recorded));
        return recorded;
    }

    /// <summary>Each <c>-o [eval.]key=value</c> given again must equal what the run recorded for the evals it applies to.</summary>
    public void CheckOptions(IEnumerable<string> commandLine)
    {
        foreach (var item in commandLine)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            var key = item[..eq].Trim();
            var value = item[(eq + 1)..];
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            foreach (var (eval, options) in Evals)
            {
                var name = key;
                if (dot > 0)
                {
                    if (!string.Equals(key[..dot], eval, StringComparison.OrdinalIgnoreCase)) continue;
                    name = key[(dot + 1)..];
                }
                else if (!EvaluatorOptions.IsKnown(eval, name)) continue;
                var recorded = options.GetValueOrDefault(name);
                if (!string.Equals(recorded, value, StringComparison.Ordinal))
                    throw Differs($"--option {eval}.{name}", value, recorded ?? "(not set)");
            }
        }
    }

    private EvalInputException Differs(string option, string given, string recorded) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{Path}: {option} '{given}' differs from the interrupted run's '{recorded}'; `run --resume` reads the options from the manifest, leave them out"));
}
