namespace EvalHarness.Simulator.Faults;

/// <summary>A failure the simulator can inject into a chat completions request.</summary>
public enum FaultKind
{
    /// <summary>429 <c>rate_limit_exceeded</c> with retry-after headers (retryable).</summary>
    RateLimit,

    /// <summary>429 <c>insufficient_quota</c> (never retryable).</summary>
    InsufficientQuota,

    /// <summary>500 server error.</summary>
    ServerError,

    /// <summary>503 service unavailable.</summary>
    ServiceUnavailable,

    /// <summary>Connection aborted before any response byte.</summary>
    DropConnection,

    /// <summary>Part of the response sent, then the connection aborted.</summary>
    TruncatedStream,

    /// <summary>Part of the stream sent, then the response ended cleanly without finish, usage or [DONE].</summary>
    EarlyEnd,
}
