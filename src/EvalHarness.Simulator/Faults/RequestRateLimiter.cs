using System.Collections.Concurrent;
using System.Diagnostics;

namespace EvalHarness.Simulator.Faults;

/// <summary>
/// Per-model token buckets for <see cref="ModelProfile.RequestsPerMinute"/>: refills continuously, burst of one
/// second's worth (at least one request). A refused request gets the time until a token is available.
/// </summary>
internal sealed class RequestRateLimiter
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Takes one request from the model's bucket.</summary>
    /// <param name="retryAfter">When refused: time until a request is allowed again.</param>
    /// <param name="remaining">Whole requests left in the bucket after this one.</param>
    public bool TryAcquire(string modelId, double requestsPerMinute, out TimeSpan retryAfter, out int remaining)
    {
        var bucket = _buckets.GetOrAdd(modelId, static (_, rpm) => new Bucket(rpm), requestsPerMinute);
        return bucket.TryTake(out retryAfter, out remaining);
    }

    private sealed class Bucket(double requestsPerMinute)
    {
        private readonly Lock _gate = new();
        private readonly double _perSecond = requestsPerMinute / 60.0;
        private readonly double _capacity = Math.Max(1.0, requestsPerMinute / 60.0);
        private double _tokens = Math.Max(1.0, requestsPerMinute / 60.0);
        private long _lastTimestamp = Stopwatch.GetTimestamp();

        public bool TryTake(out TimeSpan retryAfter, out int remaining)
        {
            lock (_gate)
            {
                var now = Stopwatch.GetTimestamp();
                _tokens = Math.Min(_capacity, _tokens + Stopwatch.GetElapsedTime(_lastTimestamp, now).TotalSeconds * _perSecond);
                _lastTimestamp = now;
                if (_tokens >= 1.0)
                {
                    _tokens -= 1.0;
                    retryAfter = TimeSpan.Zero;
                    remaining = (int)Math.Floor(_tokens);
                    return true;
                }

                retryAfter = TimeSpan.FromSeconds((1.0 - _tokens) / _perSecond);
                remaining = 0;
                return false;
            }
        }
    }
}
