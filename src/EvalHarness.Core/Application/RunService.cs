using System.Globalization;
using EvalHarness.Core.Caching;
using EvalHarness.Core.Configuration;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.History;
using EvalHarness.Core.Models;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Core.RunFolders;
using EvalHarness.Core.Running;
using EvalHarness.Core.Running.Batch;
using Microsoft.Extensions.Configuration;

namespace EvalHarness.Core.Application;

/// <summary><c>run</c>: the plan as given, plus <c>--yes</c> (start over budget) and <c>--no-history</c>.</summary>
public sealed record RunRequest
{
    public required RunPlanRequest Plan { get; init; }

    public bool Yes { get; init; }

    public bool NoHistory { get; init; }

    /// <summary><c>--cache</c>: answer identical requests from the response cache (also Cache:Enabled).</summary>
    public bool Cache { get; init; }

    /// <summary><c>--batch</c>: send through the Batch API (half price, results within the completion window); see README "Batch mode".</summary>
    public bool Batch { get; init; }

    /// <summary>The command line as the manifest records it (secrets already masked).</summary>
    public string CommandLine { get; init; } = "";
}

public sealed record RunResult(RunPlan Plan, string RunId, string RunDirectory, RunOutcome Outcome);

/// <summary><c>run --dry-run</c>: the plan and its samples; nothing is sent, no folder is created.</summary>
public sealed record DryRunResult(RunPlan Plan, IReadOnlyList<EvalPlan> Evals, PriceTable Prices)
{
    /// <summary><c>--batch</c>: the estimate is at the Batch API's price.</summary>
    public bool Batch { get; init; }
}

/// <summary>
/// The run flow, top to bottom: plan, offline checks, run folder, samples, budget, model lifecycle, clients, the run
/// itself, report, history. Everything the console shows comes through <see cref="IRunHost"/>.
/// </summary>
public sealed class RunService(HarnessSettings settings, IConfiguration config, SecretRedactor redactor, IRunHost host)
{
    private readonly PriceTable _prices = PriceTable.FromConfiguration(config);

    /// <param name="batch"><c>--batch</c>: estimate at the Batch API's price.</param>
    public async Task<DryRunResult> DryRunAsync(RunPlanRequest request, bool batch, CancellationToken ct)
    {
        var plan = RunPlanner.Plan(settings, request);
        await CheckLifecycleAsync(plan.Models, network: false, ct).ConfigureAwait(false);
        var evals = await host.LoadSamplesAsync(o => RunCoordinator.LoadSamplesAsync(plan.Evals, o, ct)).ConfigureAwait(false);
        if (ShardOf(request, plan) is { } shard) evals = Sharding.Select(evals, shard); // the estimate of this shard alone
        return new DryRunResult(plan, evals, _prices) { Batch = batch };
    }

    public async Task<RunResult> RunAsync(RunRequest request, CancellationToken ct)
    {
        // 1. Settings + suite + command line (or the interrupted run's manifest), merged once.
        var plan = RunPlanner.Plan(settings, request.Plan);

        // 2. Every endpoint and key resolved before anything is generated or sent: bad config fails fast.
        foreach (var m in plan.Models.Where(m => !m.IsSimulator))
        {
            SettingsLoader.ResolveBaseUrl(m, config);
            SettingsLoader.ResolveApiKey(m, config);
        }

        // 3. The run folder: new and writable (or the resumed run's own).
        var runId = plan.Resumed?.RunId ?? NewRunId(plan.Suite);
        var runDir = request.Plan.Resume ?? request.Plan.Out ?? Path.Combine(settings.ResultsDir, runId);
        if (plan.Resumed is null) OutputFolder.EnsureNewAndWritable(runDir, request.Plan.Out is null ? "the run folder" : "--out");
        else OutputFolder.EnsureWritable(runDir, "--resume");
        host.On(new RunEvent.Planned(plan, runId, runDir));

        // 4. Samples (a stratified sample under --limit), then the offline budget check.
        var evalPlans = await host.LoadSamplesAsync(o => RunCoordinator.LoadSamplesAsync(plan.Evals, o, ct)).ConfigureAwait(false);
        //    --shard k/N (or the resumed shard's): the plan hash over the whole plan, then only this shard's samples.
        ShardInfo? shardInfo = null;
        if (ShardOf(request.Plan, plan) is { } shard)
        {
            shardInfo = new ShardInfo(shard, Sharding.PlanHash(plan.Suite, plan.Seed, plan.Models, plan.Evals, evalPlans));
            evalPlans = Sharding.Select(evalPlans, shard);
        }
        //    --batch (or a resumed batch run): the Batch API, re-attaching to the batches its journal names; its price.
        var batch = request.Batch || (plan.Resumed is not null && File.Exists(Path.Combine(runDir, BatchJournal.FileName)));
        BudgetCheck.Ensure(plan.Models, evalPlans, _prices, config.GetValue<double?>("Budget:MaxUsdPerRun"), request.Yes, batch);

        // 5. Before any request (the simulator's warm-up included): a model the endpoint does not list, or a retired
        //    one, is refused. After the budget check, so a refused budget never touches the network.
        var lifecycle = await CheckLifecycleAsync(plan.Models, network: true, ct).ConfigureAwait(false);
        var batchOptions = batch ? await BatchOptionsAsync(request, plan.Models, runId, ct).ConfigureAwait(false) : null;
        await using var cache = await OpenCacheAsync(request.Cache, ct).ConfigureAwait(false);
        var clients = new List<(ModelSettings, IModelClient, string)>();
        var cached = new List<CachingModelClient>();
        foreach (var m in plan.Models)
        {
            var (client, baseUrl) = await host.CreateClientAsync(m, ct).ConfigureAwait(false);
            if (cache is not null)
            {
                var caching = new CachingModelClient(client, cache, baseUrl, m.ApiModelId);
                cached.Add(caching);
                client = caching;
            }
            clients.Add((m, client, baseUrl));
        }

        // 6. The run: requests, journal, samples.csv, summary.csv, manifest.json.
        var spec = new RunSpec
        {
            RunId = runId,
            RunDirectory = runDir,
            Models = clients,
            Evals = plan.Evals,
            Seed = plan.Seed,
            Suite = plan.Suite,
            CommandLine = request.CommandLine,
            Redactor = redactor,
            Resume = plan.Resumed is not null,
            Published = PublishedResults.Load(PublishedResults.DefaultDirectory),
            Cost = _prices.CostOf,
            RetryPolicyFor = m => new RetryPolicy(
                m.MaxRetries,
                TimeSpan.FromMilliseconds(settings.Engine.RetryBaseDelayMs),
                TimeSpan.FromMilliseconds(settings.Engine.RetryMaxDelayMs),
                TimeSpan.FromSeconds(m.MaxRetryWaitSeconds),
                TimeSpan.FromSeconds(settings.Engine.MaxRetryAfterSeconds)),
            DeadEndpointFailures = settings.Engine.DeadEndpointFailures,
            RateLimitWindow = TimeSpan.FromSeconds(settings.Engine.RateLimitWindowSeconds),
            Lifecycle = lifecycle,
            Shard = shardInfo,
            Batch = batchOptions,
        };
        RunOutcome outcome;
        using (var stop = host.BeginRun(TimeSpan.FromSeconds(settings.Engine.CancelGraceSeconds)))
        {
            outcome = await host.ObserveAsync(observer => RunCoordinator.RunAsync(spec, evalPlans, observer, stop.StopSending, stop.Abort)).ConfigureAwait(false);
        }

        if (cache is not null)
            host.On(new RunEvent.Notice(false, $"response cache: {cached.Sum(c => c.Hits)} answered from {cache.Path}, {cached.Sum(c => c.Misses)} sent"));

        // 7. The folder's report, then the history (neither can fail the run).
        host.WriteReport(plan, outcome);
        host.On(new RunEvent.Finished(outcome));
        //    A shard is part of a run, not one: `merge` records the merged folder instead.
        if (!request.NoHistory && !outcome.Cancelled && shardInfo is null) await RecordHistoryAsync(runDir, ct).ConfigureAwait(false);
        return new RunResult(plan, runId, runDir, outcome);
    }

    /// <summary>The shard to run: <c>--shard</c>, or the resumed run's (given again, it must be the same).</summary>
    private static ShardSpec? ShardOf(RunPlanRequest request, RunPlan plan)
    {
        if (plan.Resumed is not { } resumed) return request.Shard;
        if (request.Shard is { } given && given != resumed.Shard)
            throw new EvalInputException($"{resumed.Path}: --shard '{given}' differs from the interrupted run's '{resumed.Shard?.ToString() ?? "(not set)"}'; `run --resume` reads the options from the manifest, leave them out");
        return resumed.Shard;
    }

    /// <summary>Info and warnings go to the host; a retired or unlisted model refuses the run (one line).</summary>
    private async Task<IReadOnlyDictionary<string, LifecycleVerdict>> CheckLifecycleAsync(IReadOnlyList<ModelSettings> models, bool network, CancellationToken ct)
    {
        var targets = new List<(ModelSettings, Uri?, string, string)>();
        foreach (var m in models)
        {
            if (network && m.CheckModelList)
            {
                var (url, key, endpoint) = await host.ResolveEndpointAsync(m, ct).ConfigureAwait(false);
                targets.Add((m, url, key, endpoint));
            }
            else
            {
                targets.Add((m, null, "", m.IsSimulator ? "the simulator" : "its endpoint"));
            }
        }
        var (verdicts, info) = await ModelLifecycle.CheckAsync(targets, network, TimeProvider.System, ct).ConfigureAwait(false);
        foreach (var line in info) host.On(new RunEvent.Notice(false, line));
        foreach (var v in verdicts.Where(v => v.Warns)) host.On(new RunEvent.Notice(true, v.Message));
        var refused = verdicts.Where(v => v.Refuses).Select(v => v.Message).ToList();
        if (refused.Count > 0) throw new EvalInputException(string.Join("; also ", refused));
        var byName = new Dictionary<string, LifecycleVerdict>(StringComparer.Ordinal);
        foreach (var v in verdicts) byName[v.Model] = v;
        return byName;
    }

    /// <summary>
    /// The Batch API of every model's endpoint (the in-process simulator serves it too). The response cache is refused
    /// with <c>--batch</c>: a batch is submitted whole and answered hours later, so the cache could only answer before
    /// submitting; one mode per run keeps the cost and latency columns honest.
    /// </summary>
    private async Task<BatchRunOptions> BatchOptionsAsync(RunRequest request, IReadOnlyList<ModelSettings> models, string runId, CancellationToken ct)
    {
        var cacheSettings = new CacheSettings();
        SettingsLoader.BindSection(CacheSettings.Section(config), cacheSettings);
        if (request.Cache) throw new EvalInputException("--batch cannot be combined with --cache: run the batch without the cache");
        if (cacheSettings.Enabled) throw new EvalInputException("setting 'Cache:Enabled' is true: --batch runs without the response cache; pass --set Cache:Enabled=false");
        var batchSettings = new BatchSettings();
        SettingsLoader.BindSection(BatchSettings.Section(config), batchSettings);
        batchSettings.Validate();
        var apis = new Dictionary<string, IBatchApi>(StringComparer.Ordinal);
        foreach (var m in models)
        {
            var (url, key, _) = await host.ResolveEndpointAsync(m, ct).ConfigureAwait(false);
            apis[m.Name] = new OpenAIBatchApi(url, key, TimeSpan.FromSeconds(m.TimeoutSeconds) + TimeSpan.FromSeconds(30));
        }
        return new BatchRunOptions { Settings = batchSettings, RunId = runId, ApiFor = m => apis[m.Name] };
    }

    /// <summary>The response cache when <c>--cache</c> or Cache:Enabled asks for it (null otherwise).</summary>
    private async Task<ResponseCache?> OpenCacheAsync(bool requested, CancellationToken ct)
    {
        var cacheSettings = new CacheSettings();
        SettingsLoader.BindSection(CacheSettings.Section(config), cacheSettings);
        if (!requested && !cacheSettings.Enabled) return null;
        var cache = await ResponseCache.OpenAsync(cacheSettings.ResolvePath(settings.ResultsDir), cacheSettings, ct).ConfigureAwait(false);
        var info = await cache.InfoAsync(ct).ConfigureAwait(false);
        host.On(new RunEvent.Notice(false, $"response cache: {cache.Path} ({info.Entries} entries, {info.Bytes} bytes)"));
        return cache;
    }

    /// <summary>Records the finished run folder in the history database; a failure is one event, never a failed run.</summary>
    private async Task RecordHistoryAsync(string runDir, CancellationToken ct)
    {
        try
        {
            var path = HistorySettings.ResolvePath(config, settings.ResultsDir, null);
            var run = RecordedRun.From(RunFolderReader.ReadFolder(runDir));
            await using var store = await HistoryStore.OpenAsync(path, create: true, ct).ConfigureAwait(false);
            await store.RecordAsync(run, ct).ConfigureAwait(false);
            host.On(new RunEvent.HistoryRecorded(path));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            host.On(new RunEvent.HistoryNotRecorded(ex.Message.ReplaceLineEndings(" ").Trim()));
        }
    }

    internal static string NewRunId(string suite) =>
        DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + suite + "-" + Guid.NewGuid().ToString("N")[..4];
}
