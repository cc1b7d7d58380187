using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EvalHarness.Simulator;

/// <summary>
/// Settings of the simulator, bindable from the <c>Simulator</c> configuration section
/// (<see cref="FromConfiguration"/>). Defaults are fast enough that a few hundred requests finish in seconds.
/// </summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Ids the <c>/v1/models</c> endpoint lists. Any id of a known family is served, listed or not.</summary>
    public static IReadOnlyList<string> BuiltInModelIds { get; } =
        ["sim-oracle", "sim-window-8k", "sim-window-32k", "sim-window-128k", "sim-noisy", "sim-echo"];

    /// <summary>Root of every seeded decision: solver seeds, noisy answers, fault draws.</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>All delays zero, for measuring the harness's own overhead.</summary>
    public bool ZeroLatency { get; set; }

    /// <summary>Latency used for models without an override in <see cref="Models"/>.</summary>
    public LatencyProfile Latency { get; set; } = new();

    /// <summary>
    /// Simulate OpenAI's automatic prefix cache: prompts of 1024+ tokens report <c>cached_tokens</c> for the longest
    /// prefix (128-token blocks) an earlier request to the same model sent, and cached tokens cost a tenth of the
    /// per-prompt-token TTFT. Off by default because the counts then depend on request order.
    /// </summary>
    public bool PromptCaching { get; set; }

    /// <summary>Largest accepted prompt (o200k tokens incl. per-message overhead); GPT-4.1's window by default.</summary>
    public int ContextWindowTokens { get; set; } = 1_047_576;

    /// <summary>Per-model overrides, keyed by exact model id or by id prefix (longest matching key wins).</summary>
    public Dictionary<string, ModelProfile> Models { get; set; } = new(StringComparer.Ordinal);

    public FaultOptions Faults { get; set; } = new();

    /// <summary>The Batch API (<c>/v1/files</c>, <c>/v1/batches</c>) and its failure modes.</summary>
    public Batches.BatchOptions Batch { get; set; } = new();

    /// <summary>False: <c>/v1/models</c> and <c>/v1/models/{id}</c> answer 404, as servers without a model list do.</summary>
    public bool ServeModelList { get; set; } = true;

    /// <summary>
    /// Per model id: shutdown/deprecation fields in the model list, or the id left out of it (<c>Listed</c> false).
    /// Ids that are not built in are added to the list.
    /// </summary>
    public Dictionary<string, Models.ModelLifecycleProfile> Lifecycle { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Answer every chat request with 401 <c>invalid_api_key</c> whose message echoes the bearer token in full, as some
    /// proxies do: tests that a key never reaches the run folder or the console.
    /// </summary>
    public bool RejectApiKeys { get; set; }

    /// <summary>Whose error bodies to answer with for context overflow, unknown model and 401 (see README).</summary>
    public ErrorDialect ErrorDialect { get; set; } = ErrorDialect.OpenAI;

    /// <summary>When set, chat requests without <c>Authorization: Bearer &lt;this&gt;</c> get 401 in the dialect.</summary>
    public string? RequiredApiKey { get; set; }

    /// <summary>
    /// When set, one request needing more tokens than this (prompt + max_completion_tokens) gets OpenAI's 429
    /// "Request too large ... on tokens per min" (with retry headers, which a client must not follow).
    /// </summary>
    public int? TokensPerMinute { get; set; }

    /// <summary>
    /// Length of the "minute" of every per-model <see cref="ModelProfile.RequestsPerMinute"/> and
    /// <see cref="ModelProfile.TokensPerMinute"/> budget, in seconds (default 60). Shorter windows compress time so
    /// tests of rate-limit pacing finish in seconds; the harness's <c>Engine:RateLimitWindowSeconds</c> must match.
    /// </summary>
    public double RateLimitWindowSeconds { get; set; } = 60;

    /// <summary>Stream shapes of other OpenAI-compatible servers (reasoning deltas, Azure's empty chunks...); all off by default.</summary>
    public StreamQuirkOptions Stream { get; set; } = new();

    /// <summary>Share of <c>sim-noisy</c> answers that are computed without the evidence (plausible but wrong).</summary>
    public double NoisyWrongRate { get; set; } = 0.3;

    /// <summary>How much of the end of the conversation a "wrong" noisy answer is computed from.</summary>
    public int NoisyBlindWindowTokens { get; set; } = 256;

    /// <summary>Server log level; Warning keeps the console quiet under the CLI's progress display.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

    public static SimulatorOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(SectionName).Get<SimulatorOptions>() ?? new SimulatorOptions();
    }

    /// <summary>The effective profile of one model: defaults overlaid with the best matching override.</summary>
    public EffectiveModelProfile Resolve(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        ModelProfile? match = null;
        var matchLength = -1;
        foreach (var (key, profile) in Models)
        {
            if (key.Length > matchLength && modelId.StartsWith(key, StringComparison.Ordinal))
            {
                match = profile;
                matchLength = key.Length;
            }
        }

        var latency = new LatencyProfile
        {
            BaseTtftMs = match?.BaseTtftMs ?? Latency.BaseTtftMs,
            PerPromptTokenMicroseconds = match?.PerPromptTokenMicroseconds ?? Latency.PerPromptTokenMicroseconds,
            TokensPerSecond = match?.TokensPerSecond ?? Latency.TokensPerSecond,
        };
        return new EffectiveModelProfile(
            ZeroLatency ? LatencyProfile.Zero : latency,
            match?.ContextWindowTokens ?? ContextWindowTokens,
            match?.RequestsPerMinute,
            match?.TokensPerMinute);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        Latency.Validate("Simulator:Latency");
        foreach (var (key, profile) in Models)
        {
            new LatencyProfile
            {
                BaseTtftMs = profile.BaseTtftMs ?? 0,
                PerPromptTokenMicroseconds = profile.PerPromptTokenMicroseconds ?? 0,
                TokensPerSecond = profile.TokensPerSecond ?? 1,
            }.Validate($"Simulator:Models:{key}");
            if (profile.ContextWindowTokens is <= 0) throw new ArgumentException($"Simulator:Models:{key}:ContextWindowTokens must be positive");
            if (profile.RequestsPerMinute is <= 0) throw new ArgumentException($"Simulator:Models:{key}:RequestsPerMinute must be positive");
            if (profile.TokensPerMinute is <= 0) throw new ArgumentException($"Simulator:Models:{key}:TokensPerMinute must be positive");
        }

        if (ContextWindowTokens <= 0) throw new ArgumentException("Simulator:ContextWindowTokens must be positive");
        if (NoisyWrongRate is < 0 or > 1) throw new ArgumentException("Simulator:NoisyWrongRate must be in [0, 1]");
        if (!(RateLimitWindowSeconds > 0) || double.IsInfinity(RateLimitWindowSeconds)) throw new ArgumentException("Simulator:RateLimitWindowSeconds must be a finite number > 0");
        if (TokensPerMinute is <= 0) throw new ArgumentException("Simulator:TokensPerMinute must be positive");
        if (!Enum.IsDefined(ErrorDialect)) throw new ArgumentException("Simulator:ErrorDialect must be OpenAI, Azure, Vllm, Ollama or LlamaCpp");
        if (NoisyBlindWindowTokens < 0) throw new ArgumentException("Simulator:NoisyBlindWindowTokens must not be negative");
        foreach (var (id, profile) in Lifecycle)
        {
            foreach (var (name, value) in new[] { ("ShutdownDate", profile.ShutdownDate), ("DeprecationDate", profile.DeprecationDate) })
            {
                if (!string.IsNullOrWhiteSpace(value) && !value.All(char.IsAsciiDigit)
                    && !DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _))
                    throw new ArgumentException($"Simulator:Lifecycle:{id}:{name} must be a date (yyyy-MM-dd) or unix seconds");
            }
        }
        Faults.Validate();
        Stream.Validate();
        Batch.Validate();
    }
}

/// <summary>Which server's error bodies the simulator writes.</summary>
public enum ErrorDialect
{
    /// <summary><c>{"error":{"message","type","param","code"}}</c>, string codes.</summary>
    OpenAI,

    /// <summary>OpenAI's shape for overflow; <c>DeploymentNotFound</c> and <c>"code":"401"</c> otherwise.</summary>
    Azure,

    /// <summary>Integer <c>code</c>, types such as <c>BadRequestError</c>; 401 as <c>{"error":"Unauthorized"}</c>.</summary>
    Vllm,

    /// <summary>OpenAI's shape with <c>"code": null</c>; overflow only in the message.</summary>
    Ollama,

    /// <summary>Integer <c>code</c>; overflow is type <c>exceed_context_size_error</c> with <c>n_prompt_tokens</c>, <c>n_ctx</c>.</summary>
    LlamaCpp,
}

/// <summary>Time to first token grows with the prompt; decoding runs at a fixed rate.</summary>
public sealed class LatencyProfile
{
    public static LatencyProfile Zero { get; } = new() { BaseTtftMs = 0, PerPromptTokenMicroseconds = 0, TokensPerSecond = double.PositiveInfinity };

    public double BaseTtftMs { get; set; } = 20;

    public double PerPromptTokenMicroseconds { get; set; } = 2;

    public double TokensPerSecond { get; set; } = 2000;

    /// <summary>A cached prompt token costs this fraction of an uncached one.</summary>
    public const double CachedTokenCostFraction = 0.1;

    public TimeSpan TimeToFirstToken(int promptTokens, int cachedTokens = 0) =>
        TimeSpan.FromMilliseconds(BaseTtftMs + PerPromptTokenMicroseconds * (promptTokens - cachedTokens + CachedTokenCostFraction * cachedTokens) / 1000.0);

    public TimeSpan DecodeTime(int completionTokens) =>
        double.IsPositiveInfinity(TokensPerSecond) ? TimeSpan.Zero : TimeSpan.FromSeconds(completionTokens / TokensPerSecond);

    internal void Validate(string path)
    {
        if (!(BaseTtftMs >= 0) || double.IsInfinity(BaseTtftMs)) throw new ArgumentException($"{path}:BaseTtftMs must be a finite number >= 0");
        if (!(PerPromptTokenMicroseconds >= 0) || double.IsInfinity(PerPromptTokenMicroseconds)) throw new ArgumentException($"{path}:PerPromptTokenMicroseconds must be a finite number >= 0");
        if (!(TokensPerSecond > 0)) throw new ArgumentException($"{path}:TokensPerSecond must be > 0");
    }
}

/// <summary>Override of some settings for the models whose id equals or starts with the dictionary key.</summary>
public sealed class ModelProfile
{
    public double? BaseTtftMs { get; set; }

    public double? PerPromptTokenMicroseconds { get; set; }

    public double? TokensPerSecond { get; set; }

    public int? ContextWindowTokens { get; set; }

    /// <summary>Token-bucket request limit for this model (burst = one second's worth, at least 1); null = none.</summary>
    public double? RequestsPerMinute { get; set; }

    /// <summary>
    /// Token budget per window (see <see cref="SimulatorOptions.RateLimitWindowSeconds"/>) as OpenAI's TPM: prompt +
    /// max_completion_tokens charged on arrival, unused output returned at the end, 429 with retry headers when it
    /// does not fit; a request larger than the budget is admitted when the bucket is full. null = none.
    /// </summary>
    public double? TokensPerMinute { get; set; }
}

/// <summary>What one model actually runs with.</summary>
public sealed record EffectiveModelProfile(LatencyProfile Latency, int ContextWindowTokens, double? RequestsPerMinute, double? TokensPerMinute = null);

/// <summary>
/// Injected failures, each a probability per chat request (off by default). Draws are deterministic from the seed and
/// the request's arrival number, so a rerun with the same arrival order fails the same requests.
/// </summary>
public sealed class FaultOptions
{
    /// <summary>429 <c>rate_limit_exceeded</c> with <c>retry-after-ms</c> and <c>retry-after</c> headers.</summary>
    public double RateLimitRate { get; set; }

    /// <summary>429 <c>insufficient_quota</c>: a billing problem clients must not retry.</summary>
    public double InsufficientQuotaRate { get; set; }

    public double ServerErrorRate { get; set; }

    public double ServiceUnavailableRate { get; set; }

    /// <summary>Connection aborted before any response byte.</summary>
    public double DropConnectionRate { get; set; }

    /// <summary>Some content sent, then the connection aborted: no finish chunk, no usage, no [DONE].</summary>
    public double TruncatedStreamRate { get; set; }

    /// <summary>
    /// About half the content sent, then the response ends CLEANLY (no finish chunk, no usage, no [DONE], no abort),
    /// as a proxy that cuts an idle stream does. Non-streaming: like <see cref="TruncatedStreamRate"/>.
    /// </summary>
    public double EarlyEndRate { get; set; }

    /// <summary>Delay advertised on injected and rate-limit 429s.</summary>
    public int RetryAfterMs { get; set; } = 100;

    public bool Any => Total > 0;

    internal double Total => RateLimitRate + InsufficientQuotaRate + ServerErrorRate + ServiceUnavailableRate + DropConnectionRate + TruncatedStreamRate + EarlyEndRate;

    internal void Validate()
    {
        double[] rates = [RateLimitRate, InsufficientQuotaRate, ServerErrorRate, ServiceUnavailableRate, DropConnectionRate, TruncatedStreamRate, EarlyEndRate];
        if (rates.Any(r => r is < 0 or > 1 || double.IsNaN(r))) throw new ArgumentException("Simulator:Faults rates must be in [0, 1]");
        if (Total > 1 + 1e-9) throw new ArgumentException("Simulator:Faults rates must sum to at most 1");
        if (RetryAfterMs < 0) throw new ArgumentException("Simulator:Faults:RetryAfterMs must not be negative");
    }
}

/// <summary>
/// How streams deviate from OpenAI's own shape, as other OpenAI-compatible servers do. Defaults reproduce OpenAI's
/// stream byte for byte.
/// </summary>
public sealed class StreamQuirkOptions
{
    /// <summary>
    /// Reasoning tokens streamed (one per chunk) before the content, in the delta field <see cref="ReasoningField"/>.
    /// They count in <c>completion_tokens</c> and take decode time like content tokens.
    /// </summary>
    public int ReasoningTokens { get; set; }

    /// <summary><c>reasoning_content</c> (llama.cpp, older vLLM) or <c>reasoning</c> (newer vLLM, Ollama).</summary>
    public string ReasoningField { get; set; } = "reasoning_content";

    /// <summary>
    /// Report <c>completion_tokens_details.reasoning_tokens</c> in usage; false omits the details object, as
    /// llama.cpp does (the reasoning is still inside <c>completion_tokens</c>).
    /// </summary>
    public bool ReportReasoningTokens { get; set; } = true;

    /// <summary>Azure-style chunks with <c>choices: []</c>: <c>prompt_filter_results</c> first, another one mid-stream.</summary>
    public bool EmptyChoicesChunks { get; set; }

    /// <summary>A named SSE event (<c>event: NAME</c>) whose data is not JSON, sent mid-stream; null = none.</summary>
    public string? UnknownEventName { get; set; }

    internal bool Any => ReasoningTokens > 0 || EmptyChoicesChunks || UnknownEventName is not null;

    internal void Validate()
    {
        if (ReasoningTokens < 0) throw new ArgumentException("Simulator:Stream:ReasoningTokens must not be negative");
        if (ReasoningField is not ("reasoning_content" or "reasoning")) throw new ArgumentException("Simulator:Stream:ReasoningField must be reasoning_content or reasoning");
        if (UnknownEventName is { } name && (name.Length == 0 || name.Any(c => c is '\r' or '\n'))) throw new ArgumentException("Simulator:Stream:UnknownEventName must be one non-empty line");
    }
}
