using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.Running;

/// <summary>Everything one run needs, resolved: models with their clients, evals with their requests.</summary>
public sealed class RunSpec
{
    public required string RunId { get; init; }

    public required string RunDirectory { get; init; }

    public required IReadOnlyList<(ModelSettings Settings, IModelClient Client, string BaseUrl)> Models { get; init; }

    public required IReadOnlyList<(IEvaluator Evaluator, EvalRequest Request)> Evals { get; init; }

    public required int Seed { get; init; }

    public string Suite { get; init; } = "";

    public string CommandLine { get; init; } = "";

    public Func<ModelSettings, RetryPolicy>? RetryPolicyFor { get; init; }

    /// <summary>Refused connections on a model's first requests (none answered) that stop its lane; 0 = never.</summary>
    public int DeadEndpointFailures { get; init; } = 3;

    /// <summary>The "minute" of every model's Rpm/Tpm budget (60 s; shorter only against a simulator with a compressed clock).</summary>
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Cost of one sample in USD when the model's prices are known (null otherwise).</summary>
    public Func<SampleResult, double?>? Cost { get; init; }

    /// <summary>Published numbers shown beside matching summary cells.</summary>
    public Reporting.PublishedResults? Published { get; init; }

    /// <summary>Resume an interrupted run in the same folder: reuse its journal's finished requests.</summary>
    public bool Resume { get; init; }

    /// <summary>Start-of-run model lifecycle verdicts by model name, recorded as <c>models[].lifecycle</c> in the manifest.</summary>
    public IReadOnlyDictionary<string, LifecycleVerdict>? Lifecycle { get; init; }

    /// <summary>Masks configured secrets by value in the manifest (wrap clients in RedactingModelClient for error messages).</summary>
    public SecretRedactor Redactor { get; init; } = SecretRedactor.None;

    /// <summary><c>run --shard k/N</c>: this run is one shard of a plan (recorded as <c>shard</c> in the manifest); null = the whole plan.</summary>
    public ShardInfo? Shard { get; init; }

    /// <summary><c>run --batch</c>: requests go through the Batch API (<see cref="Batch.BatchRunner"/>) instead of the streaming engine; null = streaming.</summary>
    public Running.Batch.BatchRunOptions? Batch { get; init; }
}

public sealed record RunOutcome(string RunDirectory, IReadOnlyList<SampleResult> Results, IReadOnlyList<SummaryRow> Summary, bool Cancelled, int NotRun);

/// <summary>Samples -> engine -> run folder (samples.csv, samples_&lt;eval&gt;.csv, summary.csv, manifest.json, responses.jsonl).</summary>
public static class RunCoordinator
{
    /// <summary>Generates (or loads) the samples of every eval in a stable order.</summary>
    public static Task<IReadOnlyList<EvalPlan>> LoadSamplesAsync(IReadOnlyList<(IEvaluator Evaluator, EvalRequest Request)> evals, CancellationToken ct) =>
        LoadSamplesAsync(evals, NullRunObserver.Instance, ct);

    /// <summary>As above, telling <paramref name="observer"/> when each eval's samples start and finish loading.</summary>
    public static Task<IReadOnlyList<EvalPlan>> LoadSamplesAsync(IReadOnlyList<(IEvaluator Evaluator, EvalRequest Request)> evals, IRunObserver observer, CancellationToken ct) =>
        LoadSamplesAsync(evals, observer, PromptSpillStore.DefaultThresholdChars, ct);

    /// <summary>
    /// As above; each sample whose prompt exceeds <paramref name="spillThresholdChars"/> has its messages spilled to a
    /// temporary file as it streams from its source (<see cref="PromptSpillStore"/>), so the plan holds no large prompt.
    /// </summary>
    internal static async Task<IReadOnlyList<EvalPlan>> LoadSamplesAsync(
        IReadOnlyList<(IEvaluator Evaluator, EvalRequest Request)> evals, IRunObserver observer, int spillThresholdChars, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var plans = new List<EvalPlan>();
        // One store for the plan; it lives as long as a sample refers to it and leaves no file behind (see the store).
        var spill = new PromptSpillStore(thresholdChars: spillThresholdChars);
        foreach (var (evaluator, request) in evals)
        {
            observer.OnSamplesLoading(evaluator.Name);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // --limit: a stratified sample over the eval's groups, chosen from the unlimited stream (StratifiedLimit).
            var samples = request.Limit is { } limit
                ? await StratifiedLimit.TakeAsync(spill.SpillAsync(evaluator.GetSamples(new EvalRequest { Seed = request.Seed, Options = request.Options }, ct), ct), limit, ct).ConfigureAwait(false)
                : await spill.SpillAsync(evaluator.GetSamples(request, ct), ct).ToListAsync(ct).ConfigureAwait(false);
            var duplicate = samples.GroupBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new EvalInputException($"eval {evaluator.Name}: sample id '{duplicate.Key}' occurs twice");
            // A sample of another eval would be sent, then scored by the wrong grader: refused before anything is sent.
            if (samples.FirstOrDefault(s => !string.Equals(s.Eval, evaluator.Name, StringComparison.Ordinal)) is { } stray)
                throw new EvalInputException($"eval {evaluator.Name}: sample '{stray.Id}' belongs to eval '{stray.Eval}'");
            plans.Add(new EvalPlan(evaluator, samples) { ExplicitMaxOutputTokens = request.GetString("max_output_tokens") is not null });
            observer.OnSamplesLoaded(evaluator.Name, samples.Count, clock.Elapsed);
        }
        return plans;
    }

    public static async Task<RunOutcome> RunAsync(RunSpec spec, IReadOnlyList<EvalPlan> evalPlans, IRunObserver observer, CancellationToken stopSending, CancellationToken abort)
    {
        Directory.CreateDirectory(spec.RunDirectory);
        var journalPath = Path.Combine(spec.RunDirectory, "responses.jsonl");
        IReadOnlyDictionary<(string, string, string), JournalRecord>? previous = null;
        if (spec.Resume)
        {
            EnsureSameSamples(spec.RunDirectory, evalPlans);
            previous = ResponseJournal.Read(journalPath)
                .GroupBy(r => (r.Model, r.Eval, r.Id))
                .ToDictionary(g => g.Key, g => g.Last());
        }
        else if (File.Exists(journalPath))
        {
            throw new EvalInputException($"{spec.RunDirectory}: run folder already has a journal; use --resume to continue it or choose another --out");
        }

        var started = DateTimeOffset.UtcNow;
        var manifest = await ManifestAsync(spec, evalPlans, started, abort).ConfigureAwait(false);
        if (spec.Shard is { } shard) manifest["shard"] = shard.ToJson();
        AtomicFile.WriteAllText(Path.Combine(spec.RunDirectory, "manifest.json"), spec.Redactor.Redact(manifest)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        IReadOnlyList<SampleResult> results;
        await using (var journal = new ResponseJournal(journalPath))
        {
            if (spec.Batch is { } batch)
            {
                // The batch journal: re-attach to what an interrupted run submitted; the batch runner writes responses.jsonl too.
                var batchPath = Path.Combine(spec.RunDirectory, Running.Batch.BatchJournal.FileName);
                var history = Running.Batch.BatchJournal.Read(batchPath);
                await using (var batchJournal = new Running.Batch.BatchJournal(batchPath))
                {
                    var runner = new Running.Batch.BatchRunner(batch, journal, batchJournal, observer);
                    results = await runner.RunAsync(spec.Models.Select(m => new ModelPlan(m.Settings, m.Client, evalPlans)).ToList(), previous, history, stopSending, abort).ConfigureAwait(false);
                }
                manifest["batch"] = Running.Batch.BatchRunner.Manifest(Running.Batch.BatchJournal.Read(batchPath), spec.Models.Select(m => m.Settings.Name));
            }
            else
            {
                var retry = spec.RetryPolicyFor ?? (m => new RetryPolicy(m.MaxRetries, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(m.MaxRetryWaitSeconds)));
                var engine = new RunEngine(journal, retry, observer, spec.DeadEndpointFailures, spec.RateLimitWindow);
                var modelPlans = spec.Models.Select(m => new ModelPlan(m.Settings, m.Client, evalPlans)).ToList();
                results = await engine.RunAsync(modelPlans, previous, stopSending, abort).ConfigureAwait(false);
            }
        }

        var ordered = Order(results, spec.Models.Select(m => m.Settings.Name).ToList(), evalPlans);
        var expected = spec.Models.Count * evalPlans.Sum(p => p.Samples.Count);
        var summary = WriteResults(spec.RunDirectory, spec.RunId, ordered, evalPlans, spec.Cost, spec.Published);

        var cancelled = stopSending.IsCancellationRequested;
        manifest["finished_utc"] = DateTimeOffset.UtcNow.ToString("O");
        manifest["status"] = cancelled ? "cancelled" : "completed";
        RecordCounts(manifest, ordered, expected);
        // The process's peak resident set so far (Linux: VmHWM), for the bounded-memory claim in PERF.md.
        if (manifest["machine"] is JsonObject machine)
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            machine["peak_rss_bytes"] = self.PeakWorkingSet64;
        }
        AtomicFile.WriteAllText(Path.Combine(spec.RunDirectory, "manifest.json"), spec.Redactor.Redact(manifest)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return new RunOutcome(spec.RunDirectory, ordered, summary, cancelled, expected - ordered.Count);
    }

    /// <summary>samples.csv, samples_&lt;eval&gt;.csv, summary.csv and the modules' artifacts from results in plan order (a run, or a merge of shards).</summary>
    internal static IReadOnlyList<SummaryRow> WriteResults(
        string runDirectory, string runId, IReadOnlyList<SampleResult> ordered, IReadOnlyList<EvalPlan> evalPlans,
        Func<SampleResult, double?>? cost, PublishedResults? published)
    {
        var modules = evalPlans.Select(p => EvalCatalog.Current.TryFind(p.Evaluator.Name)).OfType<IEvalModule>().ToList();
        SamplesCsv.WriteRun(runDirectory, runId, ordered, modules, cost);
        var summary = Summary.Build(ordered, cost, published);
        Summary.Write(Path.Combine(runDirectory, "summary.csv"), runId, summary);
        RunArtifacts.Write(runDirectory, ordered, modules);
        return summary;
    }

    /// <summary>The manifest's counts, errors_by_kind and served_models, from the results.</summary>
    internal static void RecordCounts(JsonObject manifest, IReadOnlyList<SampleResult> ordered, int expected)
    {
        manifest["counts"] = new JsonObject
        {
            ["planned"] = expected,
            ["finished"] = ordered.Count,
            ["errors"] = ordered.Count(r => r.IsError),
            ["not_run"] = expected - ordered.Count,
            ["not_sent"] = ordered.Count(r => r.NotSent),
            ["cached"] = ordered.Count(r => r.CachedResponse),
        };
        var byKind = new JsonObject();
        foreach (var k in ErrorBreakdown.From(ordered)) byKind[k.Kind.ToCsv()] = k.Count;
        manifest["errors_by_kind"] = byKind;
        var served = new JsonObject();
        foreach (var g in ordered.GroupBy(r => r.Model))
        {
            served[g.Key] = new JsonArray(g.Select(r => r.ServedModel).Where(s => s is not null).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(s => (JsonNode)JsonValue.Create(s)!).ToArray());
        }
        manifest["served_models"] = served;
    }

    /// <summary>A resumed run must send the very prompts of the interrupted one, or its journal would mix two runs.</summary>
    private static void EnsureSameSamples(string runDirectory, IReadOnlyList<EvalPlan> plans)
    {
        var path = Path.Combine(runDirectory, "manifest.json");
        if (!File.Exists(path)) return;
        if (JsonNode.Parse(File.ReadAllText(path))?["evals"] is not JsonArray evals) return;
        foreach (var plan in plans)
        {
            var recorded = evals.OfType<JsonObject>().FirstOrDefault(e => e["name"]?.GetValue<string>() == plan.Evaluator.Name)?["samples_sha256"]?.GetValue<string>();
            if (recorded is not null && recorded != PromptsJsonl.Hash(plan.Samples))
                throw new EvalInputException($"{path}: eval '{plan.Evaluator.Name}' has different samples than the interrupted run; resume with the same options and seed");
        }
    }

    /// <summary>Rows in plan order (model, eval, sample), whatever order requests finished in.</summary>
    internal static List<SampleResult> Order(IReadOnlyList<SampleResult> results, IReadOnlyList<string> models, IReadOnlyList<EvalPlan> plans)
    {
        var modelIndex = models.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i, StringComparer.Ordinal);
        var sampleIndex = new Dictionary<(string, string), int>();
        var n = 0;
        foreach (var p in plans)
        {
            foreach (var s in p.Samples) sampleIndex[(p.Evaluator.Name, s.Id)] = n++;
        }
        return results.OrderBy(r => modelIndex[r.Model]).ThenBy(r => sampleIndex[(r.Eval, r.SampleId)]).ToList();
    }

    private static async Task<JsonObject> ManifestAsync(RunSpec spec, IReadOnlyList<EvalPlan> plans, DateTimeOffset started, CancellationToken ct)
    {
        var (version, commit) = HarnessVersion();
        var models = new JsonArray();
        foreach (var (m, _, baseUrl) in spec.Models)
        {
            models.Add(new JsonObject
            {
                ["name"] = m.Name,
                ["model"] = m.ApiModelId,
                ["base_url"] = baseUrl,
                ["simulator"] = m.IsSimulator,
                ["api_key_ref"] = m.IsSimulator ? null : m.ApiKeyRef, // the variable's name, never its value
                ["concurrency"] = m.Concurrency,
                ["timeout_seconds"] = m.TimeoutSeconds,
                ["temperature"] = m.Temperature,
                ["max_output_tokens"] = m.MaxOutputTokens, // the setting (null = each eval's default); effective values are per eval
                ["reasoning_headroom_tokens"] = m.ReasoningHeadroomTokens,
                ["send_legacy_max_tokens"] = m.SendLegacyMaxTokens,
                ["max_retries"] = m.MaxRetries,
                ["rpm"] = m.Rpm,
                ["tpm"] = m.Tpm,
                ["lifecycle"] = spec.Lifecycle?.GetValueOrDefault(m.Name)?.ToJson(),
            });
        }
        var evals = new JsonArray();
        foreach (var p in plans)
        {
            var request = spec.Evals.First(e => ReferenceEquals(e.Evaluator, p.Evaluator)).Request;
            var options = new JsonObject();
            foreach (var kv in request.Options.OrderBy(k => k.Key, StringComparer.Ordinal)) options[kv.Key] = kv.Value;
            // The limit each model really sends for this eval, and which rule chose it (OutputLimit).
            var limits = new JsonObject();
            var sources = new JsonObject();
            foreach (var (m, _, _) in spec.Models)
            {
                var resolved = p.Samples.Select(s => OutputLimit.Resolve(m, p.ExplicitMaxOutputTokens, s.MaxOutputTokens)).ToList();
                limits[m.Name] = resolved.Count == 0 ? OutputLimit.Resolve(m, p.ExplicitMaxOutputTokens, null).Tokens : resolved.Max(r => r.Tokens);
                sources[m.Name] = resolved.Count == 0 ? OutputLimit.Resolve(m, p.ExplicitMaxOutputTokens, null).Source : resolved[0].Source;
            }
            evals.Add(new JsonObject
            {
                ["name"] = p.Evaluator.Name,
                ["max_output_tokens"] = limits,
                ["max_output_tokens_source"] = sources,
                ["seed"] = request.Seed,
                ["limit"] = request.Limit,
                ["options"] = options,
                ["samples"] = p.Samples.Count,
                ["samples_sha256"] = PromptsJsonl.Hash(p.Samples),
                // Dataset files with sha256, prompt/dataset versions, reference-model vs built-in text modes.
                ["details"] = await p.Evaluator.DescribeAsync(request, ct).ConfigureAwait(false),
            });
        }
        return new JsonObject
        {
            ["run_id"] = spec.RunId,
            ["harness_version"] = version,
            ["git_commit"] = commit,
            ["command_line"] = spec.CommandLine,
            ["suite"] = spec.Suite,
            ["seed"] = spec.Seed,
            ["tokenizer"] = Text.O200kTokenizer.EncodingName,
            ["started_utc"] = started.ToString("O"),
            ["resumed"] = spec.Resume,
            ["models"] = models,
            ["evals"] = evals,
            ["machine"] = new JsonObject
            {
                ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                ["dotnet"] = Environment.Version.ToString(),
                ["processors"] = Environment.ProcessorCount,
            },
        };
    }

    public static (string Version, string? Commit) HarnessVersion()
    {
        var info = typeof(RunCoordinator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = info.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? (info, null) : (info[..plus], info[(plus + 1)..]);
    }
}
