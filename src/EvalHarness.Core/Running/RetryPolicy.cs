using EvalHarness.Core.Models;

namespace EvalHarness.Core.Running;

/// <summary>
/// Bounded, classified retries: only retryable kinds (429 rate limit, 5xx, timeouts, connection errors); the server's
/// retry-after wins over our exponential backoff with jitter but is capped at <c>maxRetryAfter</c> (default 60 s: a
/// server asking for an hour is retried after the cap, not given up on); attempts and total waiting are both capped.
/// </summary>
public sealed class RetryPolicy(int maxRetries, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan maxTotalWait, TimeSpan? maxRetryAfter = null)
{
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromSeconds(60);

    public int MaxRetries { get; } = maxRetries;

    public TimeSpan MaxRetryAfter { get; } = maxRetryAfter ?? DefaultMaxRetryAfter;

    /// <summary>The delay before the next attempt, or null to give up.</summary>
    public TimeSpan? NextDelay(ModelCallException error, int attemptsSoFar, TimeSpan waitedSoFar)
    {
        if (!error.Kind.IsRetryable() || attemptsSoFar > MaxRetries) return null;
        TimeSpan delay;
        if (error.RetryAfter is { } serverSays)
        {
            delay = serverSays < MaxRetryAfter ? serverSays : MaxRetryAfter;
        }
        else
        {
            var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, attemptsSoFar - 1);
            // "Equal jitter": half fixed, half random, so concurrent workers spread out but never retry instantly.
            var jittered = exponential / 2 + Random.Shared.NextDouble() * exponential / 2;
            delay = TimeSpan.FromMilliseconds(Math.Min(jittered, maxDelay.TotalMilliseconds));
        }
        if (waitedSoFar + delay > maxTotalWait) return null;
        return delay;
    }
}
