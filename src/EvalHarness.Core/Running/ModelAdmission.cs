using System.Diagnostics;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Running;

/// <summary>
/// Admission of one model's lane against its per-minute budgets, so requests are paced instead of colliding with the
/// server's RPM/TPM limits. Two token buckets: tokens (capacity = the TPM budget, refilled continuously over the window;
/// a request reserves prompt + max output tokens and returns what it did not use when its usage arrives) and requests
/// (RPM, burst of one sixtieth of the window's worth, as OpenAI enforces it). Budgets are the configured
/// <c>Rpm</c>/<c>Tpm</c>, lowered to the server's <c>x-ratelimit-limit-*</c> when it reports less; a budget neither
/// configured nor reported is not paced. A request larger than the whole token budget waits until the bucket is full
/// and is then sent alone (the balance goes negative, so the next requests wait for the refill); it never waits
/// forever. After a 429 the whole lane pauses for the server's hint. Waiters are served first come, first served, so a
/// large request is not overtaken by small ones. Thread-safe.
/// </summary>
/// <remarks>
/// System.Threading.RateLimiting's TokenBucketRateLimiter does not fit: it cannot take back unused tokens, change its
/// limit when the server reports another one, be paused by a 429, or admit a request above its TokenLimit (it throws).
/// </remarks>
internal sealed class ModelAdmission
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromMilliseconds(250);

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly TimeSpan _window;
    private readonly double? _configuredTpm;
    private readonly double? _configuredRpm;
    private double? _tpm;
    private double? _rpm;
    private double _tokens;
    private double _requests;
    private long _last = Stopwatch.GetTimestamp();
    private long _pausedUntil;
    private bool _sawResponse;
    private long _unbudgetedInFlight;

    public ModelAdmission(int? rpm, int? tpm, TimeSpan window)
    {
        if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window));
        _window = window;
        _configuredRpm = _rpm = rpm;
        _configuredTpm = _tpm = tpm;
        _tokens = _tpm ?? 0;
        _requests = RequestBurst(_rpm);
    }

    /// <summary>
    /// True when callers must count each request's prompt tokens: a token budget is known, or no response has told the
    /// lane yet whether there is one (the requests in flight then are subtracted when a budget is learned).
    /// </summary>
    public bool TracksTokens
    {
        get
        {
            lock (_lock) return _tpm is not null || !_sawResponse;
        }
    }

    /// <summary>The token budget per window in force (configured or learned); null when none.</summary>
    public double? TokenBudget
    {
        get
        {
            lock (_lock) return _tpm;
        }
    }

    /// <summary>Waits until the request fits both budgets and no 429 pause is running, then charges it.</summary>
    public async Task<AdmissionLease> AcquireAsync(long tokens, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    var now = Stopwatch.GetTimestamp();
                    Refill(now);
                    wait = _pausedUntil > now ? Stopwatch.GetElapsedTime(now, _pausedUntil) : TimeSpan.Zero;
                    if (wait == TimeSpan.Zero)
                    {
                        if (_rpm is { } rpm && _requests < 1.0) wait = Max(wait, Seconds((1.0 - _requests) * _window.TotalSeconds / rpm));
                        // An oversize request needs the full bucket, not more than the bucket can ever hold.
                        if (_tpm is { } tpm && _tokens < Math.Min(tokens, tpm)) wait = Max(wait, Seconds((Math.Min(tokens, tpm) - _tokens) * _window.TotalSeconds / tpm));
                    }
                    if (wait == TimeSpan.Zero)
                    {
                        if (_rpm is not null) _requests -= 1.0;
                        if (_tpm is null)
                        {
                            _unbudgetedInFlight += tokens;
                            return new AdmissionLease(this, 0, tokens);
                        }
                        _tokens -= tokens;
                        return new AdmissionLease(this, tokens, 0);
                    }
                }
                // Re-checked at least every MaxSleep: a learned budget or a refund can end the wait early.
                await Task.Delay(wait < MaxSleep ? Max(wait, TimeSpan.FromMilliseconds(1)) : MaxSleep, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>After a 429: nothing more is sent on this lane until <paramref name="delay"/> has passed.</summary>
    public void Pause(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero) return;
        lock (_lock)
        {
            var until = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
            if (until > _pausedUntil) _pausedUntil = until;
        }
    }

    /// <summary>
    /// Learns from a response's headers: a reported limit below the configured one (or with none configured) becomes
    /// the budget; a reported remaining below what the bucket holds lowers it (the server knows best; never raises it).
    /// </summary>
    public void Observe(RateLimitInfo? info)
    {
        lock (_lock)
        {
            _sawResponse = true;
            if (info is null) return;
            Refill(Stopwatch.GetTimestamp());
            if (info.LimitTokens is > 0 and var lt)
            {
                var budget = Math.Min(_configuredTpm ?? double.MaxValue, lt);
                // Learned now: what the server has left, less the requests still in flight that were sent unbudgeted
                // (some may already be in that figure: erring low costs a moment of budget, erring high a 429).
                if (_tpm is null) _tokens = Math.Min(budget, info.RemainingTokens ?? budget) - _unbudgetedInFlight;
                _tpm = budget;
                _tokens = Math.Min(_tokens, budget);
            }
            if (info.LimitRequests is > 0 and var lr)
            {
                var budget = Math.Min(_configuredRpm ?? double.MaxValue, lr);
                if (_rpm is null) _requests = RequestBurst(budget);
                _rpm = budget;
                _requests = Math.Min(_requests, RequestBurst(budget));
            }
            if (_tpm is not null && info.RemainingTokens is { } rt) _tokens = Math.Min(_tokens, rt);
            if (_rpm is not null && info.RemainingRequests is { } rr) _requests = Math.Min(_requests, rr);
        }
    }

    /// <summary>
    /// A conversation's prompt tokens as OpenAI counts them against TPM: o200k tokens of each message's content, 3 per
    /// message for role and separators, 3 to prime the reply.
    /// </summary>
    public static int PromptTokens(IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var total = 3;
        foreach (var m in messages) total += 3 + Text.O200kTokenizer.Shared.CountTokens(m.Content);
        return total;
    }

    private void Return(long tokens, long unbudgeted)
    {
        lock (_lock)
        {
            _unbudgetedInFlight -= unbudgeted;
            if (tokens <= 0) return;
            Refill(Stopwatch.GetTimestamp());
            if (_tpm is { } tpm) _tokens = Math.Min(tpm, _tokens + tokens);
        }
    }

    private void Refill(long now)
    {
        var seconds = Stopwatch.GetElapsedTime(_last, now).TotalSeconds;
        _last = now;
        if (_tpm is { } tpm) _tokens = Math.Min(tpm, _tokens + seconds * tpm / _window.TotalSeconds);
        if (_rpm is { } rpm) _requests = Math.Min(RequestBurst(rpm), _requests + seconds * rpm / _window.TotalSeconds);
    }

    private static double RequestBurst(double? rpm) => rpm is { } r ? Math.Max(1.0, r / 60.0) : 0;

    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(Math.Max(0, s));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>One admitted request's reservation; settle it exactly once.</summary>
    /// <param name="reserved">Tokens charged to the bucket.</param>
    /// <param name="unbudgeted">Tokens sent while no budget was known, tracked until the request ends.</param>
    internal sealed class AdmissionLease(ModelAdmission owner, long reserved, long unbudgeted)
    {
        private int _settled;

        public long Reserved { get; } = reserved;

        /// <summary>The request finished: returns what it reserved beyond the tokens its usage reports.</summary>
        public void Complete(TokenUsage? usage)
        {
            if (Interlocked.Exchange(ref _settled, 1) != 0) return;
            owner.Return(usage is { PromptTokens: { } p, CompletionTokens: { } c } ? Reserved - p - c : 0, unbudgeted);
        }

        /// <summary>The server refused it (429) or it never left: the whole reservation comes back.</summary>
        public void Refund()
        {
            if (Interlocked.Exchange(ref _settled, 1) != 0) return;
            owner.Return(Reserved, unbudgeted);
        }

        /// <summary>It failed in a way the server may have counted: the reservation stays spent.</summary>
        public void Keep()
        {
            if (Interlocked.Exchange(ref _settled, 1) != 0) return;
            owner.Return(0, unbudgeted);
        }
    }
}
