using EvalHarness.Core.Configuration;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Application;

/// <summary>What the user asked for: the CLI's options as given (null/empty = the suite's or the settings' default).</summary>
public sealed record RunPlanRequest
{
    public string? Suite { get; init; }

    public IReadOnlyList<string> Evals { get; init; } = [];

    public IReadOnlyList<string> Models { get; init; } = [];

    public int? Seed { get; init; }

    public int? Limit { get; init; }

    /// <summary><c>-o [eval.]key=value</c> items.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary><c>--resume DIR</c>: everything above comes from the run's manifest; values given again must match.</summary>
    public string? Resume { get; init; }

    /// <summary><c>--out DIR</c> (must be the --resume folder when both are given).</summary>
    public string? Out { get; init; }

    /// <summary><c>--shard k/N</c>: run only this shard's samples (<see cref="Running.Sharding"/>); null = the whole plan.</summary>
    public Running.ShardSpec? Shard { get; init; }
}

/// <summary>A resolved run: suite, models, and per eval its evaluator with its merged options, seed and limit.</summary>
public sealed record RunPlan(
    string Suite, IReadOnlyList<ModelSettings> Models, IReadOnlyList<(IEvaluator Evaluator, EvalRequest Request)> Evals, int Seed,
    ResumeManifest? Resumed);

/// <summary>
/// Settings + suite + command line, merged once: the run's plan (also what <c>prompts</c> uses for one eval). Bad
/// input (unknown suite, model, eval or option key; a resume that differs from its manifest) is an
/// <see cref="EvalInputException"/> before anything is generated or sent.
/// </summary>
public static class RunPlanner
{
    public static RunPlan Plan(HarnessSettings settings, RunPlanRequest request)
    {
        // --resume DIR: the suite, evals, models, seed, limit and eval options come from the run's manifest.
        var resumed = request.Resume is null ? null : ResumeManifest.Load(request.Resume);
        if (resumed is not null && request.Out is { } outDir
            && !string.Equals(Path.GetFullPath(outDir).TrimEnd('/'), Path.GetFullPath(request.Resume!).TrimEnd('/'), StringComparison.Ordinal))
            throw new EvalInputException($"{outDir}: --out differs from the --resume folder {request.Resume}; a resumed run stays in its folder");
        var suiteName = resumed?.Pick("--suite", request.Suite, resumed.Suite) ?? request.Suite ?? settings.DefaultSuite;
        SuiteSettings? suite = null;
        if (resumed is null && !settings.Suites.TryGetValue(suiteName, out suite))
            throw new EvalInputException($"unknown suite '{suiteName}' (configured: {string.Join(", ", settings.Suites.Keys.Order(StringComparer.Ordinal))})");

        var modelNames = request.Models;
        if (resumed is not null) modelNames = resumed.PickList("--models", modelNames, resumed.Models);
        if (modelNames.Count == 0) modelNames = suite!.Models;
        if (modelNames.Count == 0) throw new EvalInputException($"suite '{suiteName}' names no models; pass --models");
        var models = modelNames.Select(m => FindModel(settings, m)).ToList();

        var evalNames = request.Evals;
        if (resumed is not null) evalNames = resumed.PickList("--evals", evalNames, resumed.Evals.Select(e => e.Eval).ToList());
        if (evalNames.Count == 0) evalNames = suite!.Evals.Select(e => e.Eval).ToList();
        var seed = resumed is not null ? resumed.Pick("--seed", request.Seed, resumed.Seed)!.Value : request.Seed ?? settings.Seed;
        var limit = resumed is not null ? resumed.Pick("--limit", request.Limit, resumed.Limit) : request.Limit;
        EvalOptionLayers.Validate(request.Options, evalNames.Select(n => EvaluatorRegistry.Find(n).Name).ToList());
        resumed?.CheckOptions(request.Options);
        var evals = new List<(IEvaluator, EvalRequest)>();
        foreach (var name in evalNames)
        {
            var registration = EvaluatorRegistry.Find(name);
            var options = resumed is not null
                ? resumed.Evals.First(e => string.Equals(e.Eval, registration.Name, StringComparison.OrdinalIgnoreCase)).Options
                : EvalOptionLayers.Merge(settings, suite, registration.Name, request.Options);
            evals.Add((registration.Create(options), new EvalRequest { Seed = seed, Limit = limit, Options = options }));
        }
        return new RunPlan(suiteName, models, evals, seed, resumed);
    }

    /// <summary>
    /// One eval outside a run (<c>prompts</c>): its options from settings, the suite (when configured) and the command
    /// line, merged the same way as for a run.
    /// </summary>
    public static (IEvaluator Evaluator, EvalRequest Request) PlanEval(
        HarnessSettings settings, string eval, string? suite, int? seed, int? limit, IReadOnlyList<string> commandLine)
    {
        var registration = EvaluatorRegistry.Find(eval);
        settings.Suites.TryGetValue(suite ?? settings.DefaultSuite, out var suiteSettings);
        EvalOptionLayers.Validate(commandLine, [registration.Name]);
        var options = EvalOptionLayers.Merge(settings, suiteSettings, registration.Name, commandLine);
        return (registration.Create(options), new EvalRequest { Seed = seed ?? settings.Seed, Limit = limit, Options = options });
    }

    /// <summary>A configured model, or any <c>sim-*</c> id (a simulator model; the simulator parses sizes from the id).</summary>
    public static ModelSettings FindModel(HarnessSettings settings, string name)
    {
        if (settings.Models.TryGetValue(name, out var model)) return model;
        if (name.StartsWith("sim-", StringComparison.Ordinal)) return new ModelSettings { Name = name, BaseUrl = "simulator", Concurrency = 16 };
        throw new EvalInputException($"unknown model '{name}' (configured: {string.Join(", ", settings.Models.Keys.Order(StringComparer.Ordinal))})");
    }
}
