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
    QuotaExceeded,      // 429 insufficient_quota (fail fast: billing)
    ContextLength,      // prompt too long for the model (fail fast)
    BadRequest,         // other 4xx (fail fast)
    Authentication,     // 401/403 (fail fast)
    Cancelled,          // the run was cancelled before the request finished
    Other,
}

public static class ErrorKinds
{
    public static bool IsRetryable(this ErrorKind kind) =>
        kind is ErrorKind.RateLimited or ErrorKind.ServerError or ErrorKind.Timeout or ErrorKind.Connection or ErrorKind.Truncated;

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
}

/// <summary>Sends one request; throws <see cref="ModelCallException"/> on failure. Never retries: the engine owns retries.</summary>
public interface IModelClient
{
    string ModelName { get; }

    Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken);
}
