using System.Globalization;

namespace EvalHarness.Core.Models;

/// <summary>
/// What a response's <c>x-ratelimit-*</c> headers said about the account's per-minute budgets: limits, what remains
/// (OpenAI's remaining can be negative) and the time until each budget is full again (Go durations: <c>547ms</c>,
/// <c>2m52.8s</c>). Every field is null when its header was absent or unreadable; <see cref="Read"/> returns null
/// when none was present.
/// </summary>
public sealed record RateLimitInfo(
    long? LimitRequests,
    long? LimitTokens,
    long? RemainingRequests,
    long? RemainingTokens,
    TimeSpan? ResetRequests,
    TimeSpan? ResetTokens)
{
    /// <summary>Reads the headers through <paramref name="header"/> (name -> value or null).</summary>
    public static RateLimitInfo? Read(Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var info = new RateLimitInfo(
            Number(header("x-ratelimit-limit-requests")),
            Number(header("x-ratelimit-limit-tokens")),
            Number(header("x-ratelimit-remaining-requests")),
            Number(header("x-ratelimit-remaining-tokens")),
            ErrorClassifier.ParseGoDuration(header("x-ratelimit-reset-requests")),
            ErrorClassifier.ParseGoDuration(header("x-ratelimit-reset-tokens")));
        return info == Empty ? null : info;
    }

    private static readonly RateLimitInfo Empty = new(null, null, null, null, null, null);

    private static long? Number(string? text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
