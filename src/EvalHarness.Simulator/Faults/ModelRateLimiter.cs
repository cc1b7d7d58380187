using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace EvalHarness.Simulator.Faults;

/// <summary>What a model's budgets looked like right after a decision, for the <c>x-ratelimit-*</c> headers.</summary>
internal readonly record struct RateLimitSnapshot(
    double? LimitRequests, double RemainingRequests, TimeSpan ResetRequests,
    double? LimitTokens, double RemainingTokens, TimeSpan ResetTokens);

/// <summary>
/// Per-model request and token budgets, as OpenAI enforces RPM and TPM. Requests: a token bucket refilled at
/// <c>rpm</c> per window with a burst of one sixtieth of the window's worth (at least 1). Tokens: a bucket holding the
/// whole window's <c>tpm</c>, refilled continuously; a request is charged its prompt tokens plus its
/// <c>max_completion_tokens</c> on arrival and the unused output is returned when it finishes. A request larger than
/// the whole budget is admitted only when the bucket is full (the balance then goes negative). Refused requests are
/// charged nothing and get the time until they would fit.
/// </summary>
internal sealed class ModelRateLimiter(TimeSpan window)
{
    private readonly ConcurrentDictionary<string, State> _models = new(StringComparer.Ordinal);

    /// <summary>Admits (and charges) one request, or says how long until it would fit and which budget refused it.</summary>
    public bool TryAdmit(string modelId, double? rpm, double? tpm, long tokens, out TimeSpan retryAfter, out string? refusedBy, out RateLimitSnapshot snapshot)
    {
        var state = _models.GetOrAdd(modelId, static (_, w) => new State(w), window);
        return state.TryAdmit(rpm, tpm, tokens, out retryAfter, out refusedBy, out snapshot);
    }

    /// <summary>Returns tokens a finished request reserved but did not use.</summary>
    public void Refund(string modelId, long tokens)
    {
        if (tokens > 0 && _models.TryGetValue(modelId, out var state)) state.Refund(tokens);
    }

    /// <summary>Go-style duration as OpenAI writes <c>x-ratelimit-reset-*</c>: <c>547ms</c>, <c>1.2s</c>, <c>2m52.8s</c>.</summary>
    public static string GoDuration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalSeconds < 1) return ((long)Math.Ceiling(span.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms";
        var minutes = (long)Math.Floor(span.TotalMinutes);
        var seconds = span.TotalSeconds - minutes * 60;
        var s = seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        return minutes > 0 ? minutes.ToString(CultureInfo.InvariantCulture) + "m" + s : s;
    }

    private sealed class State(TimeSpan window)
    {
        private readonly Lock _gate = new();
        private double? _requests;
        private double? _tokens;
        private long _last = Stopwatch.GetTimestamp();

        public bool TryAdmit(double? rpm, double? tpm, long tokens, out TimeSpan retryAfter, out string? refusedBy, out RateLimitSnapshot snapshot)
        {
            lock (_gate)
            {
                Refill(rpm, tpm);
                retryAfter = TimeSpan.Zero;
                refusedBy = null;
                if (rpm is { } r && _requests < 1.0)
                {
                    retryAfter = Seconds((1.0 - _requests.Value) / (r / window.TotalSeconds));
                    refusedBy = "requests";
                }
                else if (tpm is { } t && _tokens < Math.Min(tokens, t))
                {
                    retryAfter = Seconds((Math.Min(tokens, t) - _tokens!.Value) / (t / window.TotalSeconds));
                    refusedBy = "tokens";
                }
                if (refusedBy is null)
                {
                    if (rpm is not null) _requests -= 1.0;
                    if (tpm is not null) _tokens -= tokens;
                }
                snapshot = Snapshot(rpm, tpm);
                return refusedBy is null;
            }
        }

        public void Refund(long tokens)
        {
            lock (_gate)
            {
                if (_tokens is not null) _tokens += tokens; // capped on the next refill
            }
        }

        private void Refill(double? rpm, double? tpm)
        {
            var now = Stopwatch.GetTimestamp();
            var elapsed = Stopwatch.GetElapsedTime(_last, now);
            _last = now;
            if (rpm is { } r)
            {
                var burst = Math.Max(1.0, r / 60.0);
                _requests = Math.Min(burst, (_requests ?? burst) + elapsed.TotalSeconds * r / window.TotalSeconds);
            }
            if (tpm is { } t)
            {
                _tokens = Math.Min(t, (_tokens ?? t) + elapsed.TotalSeconds * t / window.TotalSeconds);
            }
        }

        private RateLimitSnapshot Snapshot(double? rpm, double? tpm)
        {
            var requestsLeft = _requests ?? 0;
            var tokensLeft = _tokens ?? 0;
            var resetRequests = rpm is { } r ? Seconds((Math.Max(1.0, r / 60.0) - requestsLeft) / (r / window.TotalSeconds)) : TimeSpan.Zero;
            var resetTokens = tpm is { } t ? Seconds((t - tokensLeft) / (t / window.TotalSeconds)) : TimeSpan.Zero;
            return new RateLimitSnapshot(rpm, requestsLeft, resetRequests, tpm, tokensLeft, resetTokens);
        }

        private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(Math.Max(0, seconds));
    }
}
