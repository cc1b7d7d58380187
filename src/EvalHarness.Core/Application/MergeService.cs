using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Core.Configuration;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Files;
using EvalHarness.Core.History;
using EvalHarness.Core.Models;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Core.RunFolders;
using EvalHarness.Core.Running;
using Microsoft.Extensions.Configuration;

namespace EvalHarness.Core.Application;

/// <summary><c>merge DIR... --out DIR</c>: the shard run folders of one plan, and the merged folder to write.</summary>
public sealed record MergeRequest
{
    public required IReadOnlyList<string> Shards { get; init; }

    public required string Out { get; init; }

    public bool NoHistory { get; init; }

    public string CommandLine { get; init; } = "";
}

/// <param name="HistoryNote">Where the merged run was recorded, or why it was not (null with --no-history).</param>
public sealed record MergeResult(string OutDirectory, string RunId, int Shards, RunOutcome Outcome, string? HistoryNote);

/// <summary>
/// Merges the shard folders of one plan (<c>run --shard k/N</c>) into one run folder. Checks that the shards belong to
/// one plan (same plan hash, same N, each k once) and that every (model, eval, sample) of the plan has exactly one
/// result; then re-plans from the first shard's manifest (as <c>run --resume</c> does), rebuilds every result from the
/// shards' journals (scored by the same evaluators) and writes samples, summary, CIs and artifacts through the very code
/// a single-process run uses, so the merged folder equals one run of the plan (timings aside).
/// </summary>
public sealed class MergeService(HarnessSettings settings, IConfiguration config)
{
    private sealed record Shard(string Dir, JsonObject Manifest, ShardSpec Spec, string PlanHash);

    public async Task<MergeResult> MergeAsync(MergeRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Shards.Count == 0) throw new EvalInputException("merge: no shard folders given");
        var shards = request.Shards.Select(ReadShard).ToList();
        CheckOnePlan(shards);
        OutputFolder.EnsureNewAndWritable(request.Out, "--out");

        // The plan again, from the first shard's manifest, with the full plan's samples: its hash must be the shards'.
        var first = shards[0];
        var plan = RunPlanner.Plan(settings, new RunPlanRequest { Resume = first.Dir });
        var evalPlans = await RunCoordinator.LoadSamplesAsync(plan.Evals, ct).ConfigureAwait(false);
        var hash = Sharding.PlanHash(plan.Suite, plan.Seed, plan.Models, plan.Evals, evalPlans);
        if (!string.Equals(hash, first.PlanHash, StringComparison.Ordinal))
            throw new EvalInputException($"{first.Dir}: the plan rebuilt here (plan_sha256 {hash[..12]}) differs from the shards' ({first.PlanHash[..12]}); merge with the settings and datasets the shards used");

        var records = ReadResults(shards, plan, evalPlans);
        var results = new List<SampleResult>();
        foreach (var model in plan.Models)
        {
            foreach (var p in evalPlans)
            {
                foreach (var s in p.Samples)
                {
                    results.Add(RunEngine.FromJournal(model.Name, p.Evaluator, s, records[(model.Name, p.Evaluator.Name, s.Id)]));
                }
            }
        }

        var runId = RunService.NewRunId(plan.Suite);
        Directory.CreateDirectory(request.Out);
        WriteJournal(shards, Path.Combine(request.Out, RunFolder.JournalFileName));
        var prices = PriceTable.FromConfiguration(config);
        var summary = RunCoordinator.WriteResults(request.Out, runId, results, evalPlans, prices.CostOf, PublishedResults.Load(PublishedResults.DefaultDirectory));
        var manifest = MergedManifest(shards, runId, hash, plan.Models, evalPlans, request.CommandLine);
        RunCoordinator.RecordCounts(manifest, results, results.Count);
        AtomicFile.WriteAllText(Path.Combine(request.Out, RunFolder.ManifestFileName), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var outcome = new RunOutcome(request.Out, results, summary, Cancelled: false, NotRun: 0);
        var note = request.NoHistory ? null : await RecordHistoryAsync(request.Out, ct).ConfigureAwait(false);
        return new MergeResult(request.Out, runId, shards.Count, outcome, note);
    }

    private static Shard ReadShard(string dir)
    {
        if (!Directory.Exists(dir)) throw new EvalInputException($"{dir}: run folder not found");
        var path = Path.Combine(dir, RunFolder.ManifestFileName);
        var manifest = RunFolderReader.ReadManifest(path) ?? throw new EvalInputException($"{dir}: no manifest.json; not a shard run folder");
        if (manifest["shard"] is not JsonObject shard)
            throw new EvalInputException($"{path}: records no shard; merge takes the folders of `run --shard k/N`");
        int Int(string field) => shard[field] is JsonValue v && v.TryGetValue<int>(out var i)
            ? i
            : throw new EvalInputException($"{path}: field 'shard.{field}' is missing or not a number");
        var (k, n) = (Int("k"), Int("n"));
        if (n < 1 || k < 1 || k > n) throw new EvalInputException($"{path}: shard {k.ToString(CultureInfo.InvariantCulture)}/{n.ToString(CultureInfo.InvariantCulture)} is not a valid shard");
        var hash = shard["plan_sha256"] is JsonValue h && h.TryGetValue<string>(out var s) && s.Length == 64
            ? s
            : throw new EvalInputException($"{path}: field 'shard.plan_sha256' is missing");
        if (!File.Exists(Path.Combine(dir, RunFolder.JournalFileName))) throw new EvalInputException($"{dir}: no responses.jsonl; the shard has no results");
        return new Shard(dir, manifest, new ShardSpec(k, n), hash);
    }

    /// <summary>Same plan hash, same N, each k exactly once.</summary>
    private static void CheckOnePlan(List<Shard> shards)
    {
        var first = shards[0];
        var byK = new Dictionary<int, Shard>();
        foreach (var s in shards)
        {
            if (!string.Equals(s.PlanHash, first.PlanHash, StringComparison.Ordinal))
                throw new EvalInputException($"{s.Dir}: belongs to another plan (plan_sha256 {s.PlanHash[..12]}, {first.Dir} has {first.PlanHash[..12]})");
            if (s.Spec.N != first.Spec.N)
                throw new EvalInputException($"{s.Dir}: shard {s.Spec} is one of {s.Spec.N.ToString(CultureInfo.InvariantCulture)} shards, {first.Dir} one of {first.Spec.N.ToString(CultureInfo.InvariantCulture)}");
            if (!byK.TryAdd(s.Spec.K, s))
                throw new EvalInputException($"{s.Dir}: shard {s.Spec} is given twice (also {byK[s.Spec.K].Dir})");
        }
        var missing = Enumerable.Range(1, first.Spec.N).Where(k => !byK.ContainsKey(k)).ToList();
        if (missing.Count > 0)
            throw new EvalInputException($"merge: shard {string.Join(", ", missing.Select(k => new ShardSpec(k, first.Spec.N).ToString()))} missing (given: {string.Join(", ", shards.OrderBy(s => s.Spec.K).Select(s => $"{s.Spec} {s.Dir}"))})");
        shards.Sort((a, b) => a.Spec.K.CompareTo(b.Spec.K));
    }

    /// <summary>
    /// Each shard's journal, a later line winning (as <c>run --resume</c> reads it); every record must be of the plan and
    /// of its own shard, and every (model, eval, sample) of the plan must have exactly one result.
    /// </summary>
    private static Dictionary<(string Model, string Eval, string Id), JournalRecord> ReadResults(
        IReadOnlyList<Shard> shards, RunPlan plan, IReadOnlyList<EvalPlan> evalPlans)
    {
        var models = plan.Models.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var planned = evalPlans.SelectMany(p => p.Samples.Select(s => (p.Evaluator.Name, s.Id))).ToHashSet();
        var all = new Dictionary<(string, string, string), JournalRecord>();
        var from = new Dictionary<(string, string, string), string>();
        foreach (var shard in shards)
        {
            var journal = Path.Combine(shard.Dir, RunFolder.JournalFileName);
            var latest = new Dictionary<(string, string, string), JournalRecord>();
            foreach (var r in ResponseJournal.Read(journal))
            {
                if (!models.Contains(r.Model) || !planned.Contains((r.Eval, r.Id)))
                    throw new EvalInputException($"{journal}: model '{r.Model}', eval '{r.Eval}', sample '{r.Id}' is not in the plan");
                var owner = Sharding.ShardOf(r.Eval, r.Id, shard.Spec.N);
                if (owner != shard.Spec.K)
                    throw new EvalInputException($"{journal}: sample '{r.Id}' of eval '{r.Eval}' belongs to shard {new ShardSpec(owner, shard.Spec.N)}, not {shard.Spec}");
                latest[(r.Model, r.Eval, r.Id)] = r;
            }
            foreach (var (key, record) in latest)
            {
                if (!from.TryAdd(key, shard.Dir))
                    throw new EvalInputException($"{shard.Dir}: model '{key.Item1}', eval '{key.Item2}', sample '{key.Item3}' is also in {from[key]}");
                all[key] = record;
            }
        }
        foreach (var shard in shards)
        {
            // Samples a shard never finished (cancelled, or its lane stopped): the merge would not be the plan's run.
            var missing = plan.Models.SelectMany(m => evalPlans.SelectMany(p => p.Samples
                    .Where(s => Sharding.ShardOf(p.Evaluator.Name, s.Id, shard.Spec.N) == shard.Spec.K)
                    .Select(s => (m.Name, p.Evaluator.Name, s.Id))))
                .Where(key => !all.ContainsKey(key)).ToList();
            if (missing.Count > 0)
                throw new EvalInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{shard.Dir}: shard {shard.Spec} lacks {missing.Count} result(s) (first: model '{missing[0].Item1}', eval '{missing[0].Item2}', sample '{missing[0].Item3}'); finish it with `run --resume {shard.Dir}`"));
        }
        return all;
    }

    /// <summary>The shards' journals one after another (k order); a torn final line of a crashed shard is left out.</summary>
    private static void WriteJournal(IReadOnlyList<Shard> shards, string path)
    {
        var text = new StringBuilder();
        foreach (var shard in shards)
        {
            var lines = File.ReadAllLines(Path.Combine(shard.Dir, RunFolder.JournalFileName), Encoding.UTF8)
                .Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
            for (var i = 0; i < lines.Count; i++)
            {
                if (i == lines.Count - 1 && !IsJson(lines[i])) break;
                text.Append(lines[i]).Append('\n');
            }
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static bool IsJson(string line)
    {
        try
        {
            using var _ = JsonDocument.Parse(line);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// The first shard's manifest, made the plan's: the full plan's sample counts and hashes, each model's largest output
    /// limit over the shards, the earliest start and latest finish, and where it came from (<c>merged_from</c>).
    /// </summary>
    private static JsonObject MergedManifest(
        IReadOnlyList<Shard> shards, string runId, string planHash, IReadOnlyList<ModelSettings> models, IReadOnlyList<EvalPlan> evalPlans, string commandLine)
    {
        var manifest = (JsonObject)shards[0].Manifest.DeepClone();
        manifest.Remove("shard");
        manifest["run_id"] = runId;
        manifest["command_line"] = commandLine;
        manifest["resumed"] = false;
        manifest["started_utc"] = shards.Select(s => s.Manifest["started_utc"]?.GetValue<string>()).OfType<string>().Order(StringComparer.Ordinal).FirstOrDefault();
        manifest["finished_utc"] = shards.Select(s => s.Manifest["finished_utc"]?.GetValue<string>()).OfType<string>().Order(StringComparer.Ordinal).LastOrDefault();
        manifest["status"] = "completed";
        manifest["plan_sha256"] = planHash;
        if (manifest["evals"] is JsonArray evals)
        {
            foreach (var e in evals.OfType<JsonObject>())
            {
                var name = e["name"]?.GetValue<string>();
                if (evalPlans.FirstOrDefault(p => string.Equals(p.Evaluator.Name, name, StringComparison.Ordinal)) is not { } p) continue;
                e["samples"] = p.Samples.Count;
                e["samples_sha256"] = PromptsJsonl.Hash(p.Samples);
                if (e["max_output_tokens"] is JsonObject limits)
                {
                    // What a single run records: the largest limit over the plan's samples (OutputLimit, as the run resolves it).
                    foreach (var m in models.Where(m => limits.ContainsKey(m.Name)))
                    {
                        limits[m.Name] = p.Samples.Count == 0
                            ? OutputLimit.Resolve(m, p.ExplicitMaxOutputTokens, null).Tokens
                            : p.Samples.Max(x => OutputLimit.Resolve(m, p.ExplicitMaxOutputTokens, x.MaxOutputTokens).Tokens);
                    }
                }
            }
        }
        manifest["merged_from"] = new JsonArray(shards.Select(s => (JsonNode)new JsonObject
        {
            ["shard"] = s.Spec.ToString(),
            ["run_id"] = s.Manifest["run_id"]?.DeepClone(),
            ["folder"] = Path.GetFullPath(s.Dir),
            ["started_utc"] = s.Manifest["started_utc"]?.DeepClone(),
            ["finished_utc"] = s.Manifest["finished_utc"]?.DeepClone(),
            ["machine"] = s.Manifest["machine"]?.DeepClone(),
        }).ToArray());
        return manifest;
    }

    private async Task<string> RecordHistoryAsync(string runDir, CancellationToken ct)
    {
        try
        {
            var path = HistorySettings.ResolvePath(config, settings.ResultsDir, null);
            var run = RecordedRun.From(RunFolderReader.ReadFolder(runDir));
            await using var store = await HistoryStore.OpenAsync(path, create: true, ct).ConfigureAwait(false);
            await store.RecordAsync(run, ct).ConfigureAwait(false);
            return $"recorded in history {path}";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return $"not recorded in history: {ex.Message.ReplaceLineEndings(" ").Trim()}";
        }
    }
}
