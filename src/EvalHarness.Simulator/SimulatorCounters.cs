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
    private long _filesUploaded;
    private long _batchesCreated;
    private readonly ConcurrentDictionary<string, int> _batchLines = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Model, int? MaxCompletionTokens, int? MaxTokens)> _limits = new();
    private readonly ConcurrentQueue<BudgetEvent> _budget = new();
    private readonly ConcurrentQueue<(TimeSpan At, FaultKind? Fault)> _arrivals = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>Every HTTP request, any path.</summary>
    public long RequestsReceived => Interlocked.Read(ref _requests);

    /// <summary>POSTs to <c>/v1/chat/completions</c>; the fault draw uses this number.</summary>
    public long ChatRequests => Interlocked.Read(ref _chatRequests);

    /// <summary>Chat requests answered in full (stream finished with [DONE], or JSON body sent).</summary>
    public long CompletionsServed => Interlocked.Read(ref _completed);

    /// <summary>429s from the per-model request and token budgets (not injected faults).</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>
    /// Every change to a per-model token budget and every budget 429, in order, timed from the server's start:
    /// <c>Tokens</c> &gt; 0 is a request admitted with its reservation, &lt; 0 unused output returned, 0 a 429.
    /// </summary>
    public IReadOnlyList<BudgetEvent> BudgetEvents => _budget.ToArray();

    /// <summary>Every parsed chat request of a known model, timed from the server's start, with the fault it drew.</summary>
    public IReadOnlyList<(TimeSpan At, FaultKind? Fault)> ChatArrivals => _arrivals.ToArray();

    internal void OnArrival(FaultKind? fault) => _arrivals.Enqueue((_clock.Elapsed, fault));

    public long FaultsInjected => SumFaults();

    public long GetFaultCount(FaultKind kind) => Interlocked.Read(ref _faults[(int)kind]);

    /// <summary>Output limits of every parsed chat request, in arrival order: what the client really sent.</summary>
    public IReadOnlyList<(string Model, int? MaxCompletionTokens, int? MaxTokens)> OutputLimitsSeen => _limits.ToArray();

    internal void OnLimits(string model, int? maxCompletionTokens, int? maxTokens) => _limits.Enqueue((model, maxCompletionTokens, maxTokens));

    /// <summary>Successful <c>POST /v1/files</c> uploads.</summary>
    public long FilesUploaded => Interlocked.Read(ref _filesUploaded);

    /// <summary>Successful <c>POST /v1/batches</c> (whatever became of the batch).</summary>
    public long BatchesCreated => Interlocked.Read(ref _batchesCreated);

    /// <summary>
    /// Batch lines executed (answered or failed; not lines left unexecuted by expiry or cancel) across all batches,
    /// keyed <c>&lt;body.model&gt; &lt;custom_id&gt;</c>: "each request paid once" means every value is 1.
    /// </summary>
    public IReadOnlyDictionary<string, int> BatchLinesExecuted => new Dictionary<string, int>(_batchLines, StringComparer.Ordinal);

    internal void OnFileUploaded() => Interlocked.Increment(ref _filesUploaded);

    internal void OnBatchCreated() => Interlocked.Increment(ref _batchesCreated);

    internal void OnBatchLineExecuted(string model, string customId) => _batchLines.AddOrUpdate(model + " " + customId, 1, static (_, n) => n + 1);

    internal void OnRequest() => Interlocked.Increment(ref _requests);

    internal long OnChatRequest() => Interlocked.Increment(ref _chatRequests);

    internal void OnCompleted() => Interlocked.Increment(ref _completed);

    internal void OnRateLimited(string model)
    {
        Interlocked.Increment(ref _rateLimited);
        _budget.Enqueue(new BudgetEvent(model, _clock.Elapsed, 0));
    }

    internal void OnTokensCharged(string model, long tokens) => _budget.Enqueue(new BudgetEvent(model, _clock.Elapsed, tokens));

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

/// <summary>One change to a model's token budget (see <see cref="SimulatorCounters.BudgetEvents"/>).</summary>
public readonly record struct BudgetEvent(string Model, TimeSpan At, long Tokens);
