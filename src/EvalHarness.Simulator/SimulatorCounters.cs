using System.Collections.Concurrent;
using EvalHarness.Simulator.Faults;

namespace EvalHarness.Simulator;

/// <summary>Live counts of what a server did, for tests and diagnostics. Thread-safe.</summary>
public sealed class SimulatorCounters
{
    private readonly long[] _faults = new long[Enum.GetValues<FaultKind>().Length];
    private long _requests;
    private long _chatRequests;
    private long _completed;
    private long _rateLimited;
    private readonly ConcurrentQueue<(string Model, int? MaxCompletionTokens, int? MaxTokens)> _limits = new();

    /// <summary>Every HTTP request, any path.</summary>
    public long RequestsReceived => Interlocked.Read(ref _requests);

    /// <summary>POSTs to <c>/v1/chat/completions</c>; the fault draw uses this number.</summary>
    public long ChatRequests => Interlocked.Read(ref _chatRequests);

    /// <summary>Chat requests answered in full (stream finished with [DONE], or JSON body sent).</summary>
    public long CompletionsServed => Interlocked.Read(ref _completed);

    /// <summary>429s from the per-model request-rate limit (not injected faults).</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    public long FaultsInjected => SumFaults();

    public long GetFaultCount(FaultKind kind) => Interlocked.Read(ref _faults[(int)kind]);

    /// <summary>Output limits of every parsed chat request, in arrival order: what the client really sent.</summary>
    public IReadOnlyList<(string Model, int? MaxCompletionTokens, int? MaxTokens)> OutputLimitsSeen => _limits.ToArray();

    internal void OnLimits(string model, int? maxCompletionTokens, int? maxTokens) => _limits.Enqueue((model, maxCompletionTokens, maxTokens));

    internal void OnRequest() => Interlocked.Increment(ref _requests);

    internal long OnChatRequest() => Interlocked.Increment(ref _chatRequests);

    internal void OnCompleted() => Interlocked.Increment(ref _completed);

    internal void OnRateLimited() => Interlocked.Increment(ref _rateLimited);

    internal void OnFault(FaultKind kind) => Interlocked.Increment(ref _faults[(int)kind]);

    private long SumFaults()
    {
        long total = 0;
        for (var i = 0; i < _faults.Length; i++)
        {
            total += Interlocked.Read(ref _faults[i]);
        }

        return total;
    }
}
