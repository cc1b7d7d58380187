using EvalHarness.Core.Models;

namespace EvalHarness.Core.Configuration;

/// <summary>A named suite: which models run by default and which evals, each with its options.</summary>
public sealed class SuiteSettings
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Eval name -> options (case-insensitive keys), in file order.</summary>
    public IReadOnlyList<(string Eval, IReadOnlyDictionary<string, string> Options)> Evals { get; init; } = [];
}

/// <summary>Engine knobs that are not per model.</summary>
public sealed class EngineSettings
{
    public double RetryBaseDelayMs { get; set; } = 1000;

    public double RetryMaxDelayMs { get; set; } = 60_000;

    /// <summary>After Ctrl-C, how long in-flight requests may finish before they are abandoned.</summary>
    public double CancelGraceSeconds { get; set; } = 10;

    /// <summary>Cap on a server's Retry-After (retry-after-ms, retry-after, x-ratelimit-reset-*), in seconds.</summary>
    public double MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>
    /// Connection failures (refused, unknown host) on a model's first requests, none of them answered, after which
    /// the model's lane stops: its remaining samples become error rows without being sent.
    /// </summary>
    public int DeadEndpointFailures { get; set; } = 3;

    /// <summary>
    /// Length in seconds of the "minute" of every model's Rpm/Tpm budget (default 60, as OpenAI). Only a simulator
    /// with a compressed clock (<c>Simulator:RateLimitWindowSeconds</c>) needs another value.
    /// </summary>
    public double RateLimitWindowSeconds { get; set; } = 60;
}

/// <summary>The resolved configuration of a run (everything but secrets).</summary>
public sealed class HarnessSettings
{
    public int Seed { get; init; } = 42;

    public string ResultsDir { get; init; } = "results";

    public string DefaultSuite { get; init; } = "default";

    public IReadOnlyDictionary<string, ModelSettings> Models { get; init; } = new Dictionary<string, ModelSettings>();

    public IReadOnlyDictionary<string, SuiteSettings> Suites { get; init; } = new Dictionary<string, SuiteSettings>();

    public EngineSettings Engine { get; init; } = new();

    /// <summary>Per-eval option defaults applied under suite options (e.g. dataset paths), section <c>EvalOptions</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> EvalOptions { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();
}
