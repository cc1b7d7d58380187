namespace EvalHarness.Core.Models;

/// <summary>One configured model (section <c>Models:&lt;name&gt;</c> of evalsettings.json).</summary>
public sealed class ModelSettings
{
    /// <summary>Name used on the command line and in CSVs.</summary>
    public string Name { get; set; } = "";

    /// <summary>Model id sent to the API; defaults to <see cref="Name"/>.</summary>
    public string? Model { get; set; }

    /// <summary>
    /// OpenAI-compatible base URL ending in /v1; "openai" means OPENAI_BASE_URL or api.openai.com;
    /// "simulator" means the built-in simulator, started in-process.
    /// </summary>
    public string BaseUrl { get; set; } = "openai";

    /// <summary>
    /// Where the API key comes from: the name of an environment variable or configuration key (default OPENAI_API_KEY).
    /// The key itself is never stored in settings files written by the harness. "none" = the server needs no key.
    /// </summary>
    public string ApiKeyRef { get; set; } = "OPENAI_API_KEY";

    public int Concurrency { get; set; } = 8;

    /// <summary>Per-request timeout in seconds (also the SDK's network timeout).</summary>
    public double TimeoutSeconds { get; set; } = 600;

    public double Temperature { get; set; }

    /// <summary>
    /// Output limit for every eval of this model, overriding the evals' defaults (an explicit <c>-o eval.max_output_tokens</c>
    /// still wins); null = each eval's default plus <see cref="ReasoningHeadroomTokens"/>. See <see cref="OutputLimit"/>.
    /// </summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Added to each eval's default output limit, for models that reason before answering (gpt-5.x, Qwen3...).</summary>
    public int ReasoningHeadroomTokens { get; set; }

    /// <summary>Retry budget per request (attempts = 1 + MaxRetries).</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>Cap on the total time spent waiting between retries of one request, in seconds.</summary>
    public double MaxRetryWaitSeconds { get; set; } = 300;

    /// <summary>Also send the legacy max_tokens field (Ollama ignores max_completion_tokens).</summary>
    public bool SendLegacyMaxTokens { get; set; }

    /// <summary>
    /// Shutdown date (yyyy-MM-dd, UTC) from the provider's published deprecations page, for endpoints whose model list
    /// carries none. Within 30 days a run warns; from that date on it refuses the model (exit 2). See ModelLifecycle.
    /// </summary>
    public string? ShutdownDate { get; set; }

    /// <summary>The configured successor, named when this model is missing from the endpoint's list, retired or shutting down.</summary>
    public string? ReplacedBy { get; set; }

    /// <summary>
    /// Check at the start of a run that the endpoint's <c>GET /models</c> lists the model id (default true). Turn off
    /// for endpoints that list something else than the ids they accept (Azure deployment names, routers).
    /// </summary>
    public bool CheckModelList { get; set; } = true;

    /// <summary>
    /// Requests per minute this model may be sent (the account's RPM limit; all processes on one key share it); null =
    /// learned from the server's <c>x-ratelimit-limit-requests</c> header, else unpaced. See RateLimits in README.
    /// </summary>
    public int? Rpm { get; set; }

    /// <summary>
    /// Tokens per minute (prompt + max output tokens reserved per request, the unused part returned when usage arrives);
    /// null = learned from <c>x-ratelimit-limit-tokens</c>, else unpaced. Setting it also sends the largest prompts first.
    /// </summary>
    public int? Tpm { get; set; }

    /// <summary>
    /// <c>run --batch</c>: the model's enqueued-token limit for batches (prompt + max output tokens of every line of
    /// its batches still in progress); input files are cut to fit and submitted while it allows. Null = unknown: a
    /// batch failed with <c>token_limit_exceeded</c> is split in halves and retried.
    /// </summary>
    public long? BatchEnqueuedTokens { get; set; }

    public string ApiModelId => string.IsNullOrWhiteSpace(Model) ? Name : Model!;

    public bool IsSimulator => string.Equals(BaseUrl, "simulator", StringComparison.OrdinalIgnoreCase);
}
