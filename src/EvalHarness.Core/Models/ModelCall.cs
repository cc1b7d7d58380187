using EvalHarness.Core.Evaluators;

namespace EvalHarness.Core.Models;

/// <summary>One chat completion request.</summary>
public sealed record ModelRequest(IReadOnlyList<ChatMessage> Messages, int MaxOutputTokens, double Temperature);

/// <summary>Token usage as reported by the server. Null fields were not reported.</summary>
public sealed record TokenUsage(int? PromptTokens, int? CachedTokens, int? CompletionTokens, int? ReasoningTokens);

/// <summary>A finished (successful) call with its timings.</summary>
public sealed class ModelResponse
{
    public required string Text { get; init; }

    /// <summary>Usage from the final stream chunk; null when the stream ended without it (row flagged usage_missing).</summary>
    public TokenUsage? Usage { get; init; }

    public string? ServedModel { get; init; }

    public string? FinishReason { get; init; }

    /// <summary>Time from sending the request to the first non-empty content text; null when no content arrived.</summary>
    public double? TtftMs { get; init; }

    /// <summary>Time from sending the request to the response headers (the first byte of the response).</summary>
    public double? TtfbMs { get; init; }

    /// <summary>Time to the first non-empty reasoning delta; null when the server streamed no reasoning.</summary>
    public double? FirstReasoningMs { get; init; }

    /// <summary>Reasoning text the server streamed separately (journal only, never the CSV); null when none.</summary>
    public string? Reasoning { get; init; }

    public double LatencyMs { get; init; }

    /// <summary>Completion tokens per second after the first token of any kind; null when not measurable.</summary>
    public double? OutputTokensPerSecond { get; init; }

    /// <summary>Answered from the response cache: nothing was sent, every timing is null (see Caching.CachingModelClient).</summary>
    public bool FromCache { get; init; }

    /// <summary>The response's <c>x-ratelimit-*</c> headers; null when it sent none.</summary>
    public RateLimitInfo? RateLimits { get; init; }
}

/// <summary>Why a request failed, as written in samples.csv's <c>error_kind</c>.</summary>
public enum ErrorKind
{
    None = 0,
    RateLimited,        // 429 rate_limit_exceeded (retryable)
    ServerError,        // 5xx (retryable)
    Timeout,            // per-request timeout (retryable)
    Connection,         // dropped connection / truncated stream (retryable)
    Truncated,          // stream ended cleanly but early: no finish_reason, usage or [DONE] (retryable)
    QuotaExceeded,      // 429 insufficient_quota (fail fast: billing; stops the model's lane)
    ContextLength,      // prompt too long for the model (fail fast)
    BadRequest,         // other 4xx (fail fast)
    Authentication,     // 401/403 (fail fast; stops the model's lane)
    ModelNotFound,      // 404: model, deployment or endpoint path unknown (fail fast; stops the model's lane)
    RequestTooLarge,    // 429 "Request too large": one request exceeds the tokens-per-minute limit (fail fast)
    Cancelled,          // the run was cancelled before the request finished
    Other,
}

public static class ErrorKinds
{
    public static bool IsRetryable(this ErrorKind kind) =>
        kind is ErrorKind.RateLimited or ErrorKind.ServerError or ErrorKind.Timeout or ErrorKind.Connection or ErrorKind.Truncated;

    /// <summary>Errors that every further request of the same model would repeat: the engine stops that model's lane.</summary>
    public static bool StopsLane(this ErrorKind kind) =>
        kind is ErrorKind.Authentication or ErrorKind.ModelNotFound or ErrorKind.QuotaExceeded;

    /// <summary>snake_case name for CSVs.</summary>
    public static string ToCsv(this ErrorKind kind) => kind switch
    {
        ErrorKind.None => "",
        ErrorKind.RateLimited => "rate_limited",
        ErrorKind.ServerError => "server_error",
        ErrorKind.Timeout => "timeout",
        ErrorKind.Connection => "connection",
        ErrorKind.Truncated => "truncated",
        ErrorKind.QuotaExceeded => "insufficient_quota",
        ErrorKind.ContextLength => "context_length",
        ErrorKind.BadRequest => "bad_request",
        ErrorKind.Authentication => "authentication",
        ErrorKind.ModelNotFound => "model_not_found",
        ErrorKind.RequestTooLarge => "request_too_large",
        ErrorKind.Cancelled => "cancelled",
        _ => "other",
    };
}

/// <summary>A failed call, classified. <see cref="RetryAfter"/> is the server's requested delay, if it sent one.</summary>
public sealed class ModelCallException(ErrorKind kind, string message, int? httpStatus = null, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public ErrorKind Kind { get; } = kind;

    public int? HttpStatus { get; } = httpStatus;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    private string? _redactedMessage;

    public override string Message => _redactedMessage ?? base.Message;

    /// <summary>
    /// Masks secrets in <see cref="Message"/> in place, so the exception keeps its type, every property and its stack
    /// trace (see <see cref="RedactingModelClient"/>).
    /// </summary>
    public void RedactMessage(Func<string, string> redact)
    {
        ArgumentNullException.ThrowIfNull(redact);
        _redactedMessage = redact(base.Message);
    }

    /// <summary>
    /// The server's own error code as it sent it: a string <c>code</c> (<c>context_length_exceeded</c>), else its
    /// <c>type</c> (llama.cpp's <c>exceed_context_size_error</c>, vLLM's <c>BadRequestError</c>); null when none.
    /// </summary>
    public string? ServerCode { get; init; }

    /// <summary>The error response's <c>x-ratelimit-*</c> headers; null when it sent none.</summary>
    public RateLimitInfo? RateLimits { get; init; }

    /// <summary>No connection could be made at all (refused, unknown host): the request never reached a server.</summary>
    public bool Unreachable { get; init; }
}

/// <summary>Sends one request; throws <see cref="ModelCallException"/> on failure. Never retries: the engine owns retries.</summary>
public interface IModelClient
{
    string ModelName { get; }

    Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// A client that can answer some requests without sending them (the response cache). The engine asks it before a
/// request waits for rate-limit budget, so an answer that never leaves the machine never waits for the network's pace.
/// </summary>
internal interface ILocalAnswerSource
{
    /// <summary>The local answer for <paramref name="request"/>, or null when it has to be sent.</summary>
    Task<ModelResponse?> TryAnswerLocallyAsync(ModelRequest request, CancellationToken cancellationToken);
}

/// <summary>A client that can show the exact JSON body it would send for a request (the response cache hashes it).</summary>
internal interface IRequestBodySource
{
    /// <summary>The model id the body names.</summary>
    string ApiModelId { get; }

    /// <summary>The request body, byte for byte as <see cref="IModelClient.CompleteAsync"/> sends it.</summary>
    ReadOnlyMemory<byte> RequestBody(ModelRequest request);
}
