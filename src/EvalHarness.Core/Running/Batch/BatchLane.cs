using System.Collections.Concurrent;
using System.Globalization;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Running.Batch;

/// <summary>
/// One model's batches: re-attach what the journal says was submitted, submit the rest in input files within the
/// limits (lines, bytes, enqueued tokens), poll with backoff, import every terminal batch (output AND error file),
/// and re-submit only what is missing: lines not executed (expired, cancelled, absent) and retryable failures within
/// the model's MaxRetries. A batch failed for the enqueued-token limit is split in halves; a single line failing alone
/// becomes an error row.
/// </summary>
internal sealed class BatchLane(
    ModelPlan plan, IBatchApi api, BatchRunOptions options, ResponseJournal responses, BatchJournal journal, IRunObserver observer,
    SeqCounter seq, ConcurrentBag<SampleResult> results, List<BatchLedgerEntry> ledger)
{

    private readonly ModelSettings _model = plan.Settings;
    private readonly BatchSettings _settings = options.Settings;
    private readonly Dictionary<string, BatchItem> _items = new(StringComparer.Ordinal);
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _executions = new(StringComparer.Ordinal);
    private readonly List<(List<BatchItem> Items, bool WaitForIdle)> _queue = [];
    private readonly List<BatchLedgerEntry> _inflight = [];
    private int _stalled;
    private ModelCallException? _stopped;

    private string Name => _model.Name;

    public async Task RunAsync(IReadOnlyDictionary<(string, string, string), JournalRecord>? previous, CancellationToken stopSending, CancellationToken abort)
    {
        foreach (var eval in plan.Evals)
        {
            foreach (var sample in eval.Samples)
            {
                var item = BatchLines.Item(_model, eval.Evaluator, sample, eval.ExplicitMaxOutputTokens);
                _items[item.CustomId] = item;
                // Finished in an earlier attempt of this run folder: reused, never re-submitted.
                if (previous is not null && previous.TryGetValue((Name, eval.Evaluator.Name, sample.Id), out var done) && done.ErrorKind.Length == 0)
                    Finish(RunEngine.FromJournal(Name, eval.Evaluator, sample, done));
            }
        }

        // Re-attach: batches created earlier are polled (or imported), never created again.
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in ledger.Where(e => !e.Imported))
        {
            if (entry.BatchId is null && entry.CreateStarted && entry.FileId is not null) await FindCreatedAsync(entry, abort).ConfigureAwait(false);
            if (entry.BatchId is null) continue; // upload or creation never confirmed: nothing was paid, the lines go out again
            claimed.UnionWith(entry.CustomIds);
            if (entry.Terminal is { } t) await ImportAsync(entry, FromRecord(entry.BatchId, t), abort).ConfigureAwait(false);
            else _inflight.Add(entry);
        }
        Enqueue(_items.Values.Where(i => !_done.Contains(i.CustomId) && !claimed.Contains(i.CustomId)).ToList(), waitForIdle: false);

        var interval = TimeSpan.FromSeconds(_settings.PollSeconds);
        while (!stopSending.IsCancellationRequested && (_queue.Count > 0 || _inflight.Count > 0))
        {
            if (await SubmitReadyAsync(stopSending, abort).ConfigureAwait(false)) interval = TimeSpan.FromSeconds(_settings.PollSeconds);
            if (_inflight.Count == 0) continue;
            try
            {
                await Task.Delay(interval, stopSending).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break; // the batches keep running on the server; `run --resume` re-attaches to them
            }
            interval = TimeSpan.FromSeconds(Math.Min(interval.TotalSeconds * 1.5, _settings.MaxPollSeconds));
            foreach (var entry in _inflight.ToList())
            {
                BatchStatus status;
                try
                {
                    status = await api.GetAsync(entry.BatchId!, abort).ConfigureAwait(false);
                }
                catch (ModelCallException ex) when (ex.Kind.IsRetryable())
                {
                    observer.OnBatchProgress(Name, $"batch {entry.BatchId}: poll failed ({ex.Kind.ToCsv()}), retrying in {interval.TotalSeconds:0.#} s: {ex.Message}");
                    continue;
                }
                catch (ModelCallException ex)
                {
                    // The server no longer knows the batch (404, another key...): it cannot deliver, so its lines go out again.
                    observer.OnBatchProgress(Name, $"batch {entry.BatchId}: lost ({ex.Message})");
                    status = new BatchStatus { Id = entry.BatchId!, Status = BatchImport.Lost, ErrorCode = ex.ServerCode ?? ex.Kind.ToCsv(), ErrorMessage = ex.Message };
                }
                catch (OperationCanceledException) when (abort.IsCancellationRequested)
                {
                    return;
                }
                observer.OnBatchProgress(Name, string.Create(CultureInfo.InvariantCulture,
                    $"batch {status.Id} {status.Status}: {status.Completed + status.Failed}/{status.Total} (completed {status.Completed}, failed {status.Failed})"));
                if (!status.IsTerminal) continue;
                _inflight.Remove(entry);
                var record = Record(BatchJournalRecord.Terminal, entry.Seq);
                record.BatchId = status.Id;
                record.Status = status.Status;
                record.OutputFileId = status.OutputFileId;
                record.ErrorFileId = status.ErrorFileId;
                record.RequestCounts = [status.Total, status.Completed, status.Failed];
                record.ErrorCode = status.ErrorCode;
                record.ErrorMessage = status.ErrorMessage;
                record.CreatedAt = status.CreatedAt;
                record.EndedAt = status.EndedAt;
                await journal.AppendAsync(record).ConfigureAwait(false);
                entry.Terminal = record;
                await ImportAsync(entry, status, abort).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Submits queued input files while the enqueued-token budget allows; true when one was submitted.</summary>
    private async Task<bool> SubmitReadyAsync(CancellationToken stopSending, CancellationToken abort)
    {
        var submitted = false;
        while (_queue.Count > 0 && !stopSending.IsCancellationRequested)
        {
            var (items, waitForIdle) = _queue[0];
            if (_stopped is { } cause)
            {
                _queue.RemoveAt(0);
                foreach (var i in items) Finish(NotSent(i, cause));
                continue;
            }
            var tokens = items.Sum(i => i.Tokens);
            var enqueued = _inflight.Sum(e => e.Tokens);
            if (_inflight.Count > 0 && (waitForIdle || (_model.BatchEnqueuedTokens is { } limit && enqueued + tokens > limit))) break;
            _queue.RemoveAt(0);
            var entry = await SubmitAsync(items, tokens, abort).ConfigureAwait(false);
            if (entry is null) continue;
            _inflight.Add(entry);
            submitted = true;
        }
        return submitted;
    }

    /// <summary>Upload, then create; each step journaled before (intent) and after (the id the server gave).</summary>
    private async Task<BatchLedgerEntry?> SubmitAsync(List<BatchItem> items, long tokens, CancellationToken abort)
    {
        var entry = new BatchLedgerEntry { Seq = seq.Next(), Model = Name, CustomIds = items.Select(i => i.CustomId).ToList(), Tokens = tokens };
        // The input file (up to Batch:MaxFileBytes) goes to a nameless temp file, not memory, and streams from there.
        await using var file = BatchLines.TempFile();
        foreach (var item in items) BatchLines.Write(file, BatchLines.Line(_model, item));
        var started = Record(BatchJournalRecord.UploadStarted, entry.Seq);
        started.CustomIds = entry.CustomIds;
        started.Bytes = file.Length;
        started.Tokens = tokens;
        await journal.AppendAsync(started).ConfigureAwait(false);
        try
        {
            var fileName = string.Create(CultureInfo.InvariantCulture, $"evalharness-{options.RunId}-{entry.Seq}.jsonl");
            entry.FileId = await RemoteAsync(() =>
            {
                file.Position = 0; // from the start on every attempt
                return api.UploadAsync(file, fileName, abort);
            }).ConfigureAwait(false);
            var uploaded = Record(BatchJournalRecord.Uploaded, entry.Seq);
            uploaded.FileId = entry.FileId;
            await journal.AppendAsync(uploaded).ConfigureAwait(false);

            var create = Record(BatchJournalRecord.CreateStarted, entry.Seq);
            create.FileId = entry.FileId;
            await journal.AppendAsync(create).ConfigureAwait(false);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["evalharness_run"] = options.RunId,
                ["evalharness_seq"] = entry.Seq.ToString(CultureInfo.InvariantCulture),
                ["evalharness_model"] = Name,
            };
            var status = await RemoteAsync(() => api.CreateAsync(entry.FileId, _settings.CompletionWindow, metadata, abort)).ConfigureAwait(false);
            await JournalCreatedAsync(entry, status).ConfigureAwait(false);
            observer.OnBatchProgress(Name, string.Create(CultureInfo.InvariantCulture, $"batch {status.Id} created: {items.Count} requests, {tokens} enqueued tokens"));
            return entry;
        }
        catch (ModelCallException ex)
        {
            // The endpoint refuses batches (no /v1/files, bad key, quota...): every request still waiting is not sent.
            _stopped = ex;
            observer.OnLaneStopped(Name, ex);
            foreach (var i in items) Finish(NotSent(i, ex));
            return null;
        }
    }

    private async Task JournalCreatedAsync(BatchLedgerEntry entry, BatchStatus status)
    {
        var created = Record(BatchJournalRecord.Created, entry.Seq);
        created.BatchId = entry.BatchId = status.Id;
        created.FileId = entry.FileId;
        created.Status = status.Status;
        created.CreatedAt = entry.CreatedAt = status.CreatedAt ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await journal.AppendAsync(created).ConfigureAwait(false);
    }

    /// <summary>A creation sent but never confirmed (crash in between): the server's list tells whether it exists.</summary>
    private async Task FindCreatedAsync(BatchLedgerEntry entry, CancellationToken abort)
    {
        try
        {
            var found = (await api.ListAsync(abort).ConfigureAwait(false)).FirstOrDefault(b => string.Equals(b.InputFileId, entry.FileId, StringComparison.Ordinal));
            if (found is not null) await JournalCreatedAsync(entry, found).ConfigureAwait(false);
        }
        catch (ModelCallException ex)
        {
            observer.OnBatchProgress(Name, $"input file {entry.FileId}: could not list batches to find its batch ({ex.Message}); its requests are submitted again");
        }
    }

    /// <summary>A remote step with bounded retries of retryable failures (5xx, 429, connection).</summary>
    private async Task<T> RemoteAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (ModelCallException ex) when (ex.Kind.IsRetryable() && attempt <= _model.MaxRetries)
            {
                var delay = ex.RetryAfter ?? TimeSpan.FromSeconds(Math.Min(60, _settings.PollSeconds * attempt));
                observer.OnBatchProgress(Name, string.Create(CultureInfo.InvariantCulture, $"batch API {ex.Kind.ToCsv()} (attempt {attempt}), retrying in {delay.TotalSeconds:0.#} s"));
                await Task.Delay(delay).ConfigureAwait(false);
            }
        }
    }

    private static BatchStatus FromRecord(string batchId, BatchJournalRecord t) => new()
    {
        Id = batchId,
        Status = t.Status ?? "failed",
        OutputFileId = t.OutputFileId,
        ErrorFileId = t.ErrorFileId,
        ErrorCode = t.ErrorCode,
        ErrorMessage = t.ErrorMessage,
        CreatedAt = t.CreatedAt,
        EndedAt = t.EndedAt,
    };

    private BatchJournalRecord Record(string kind, int n) => new() { Event = kind, Seq = n, Model = Name };

    private void Enqueue(List<BatchItem> items, bool waitForIdle)
    {
        if (items.Count == 0) return;
        var (files, oversize) = BatchLines.Split(items, i => i.LineBytes, _settings.MaxLinesPerFile, _settings.MaxFileBytes, _model.BatchEnqueuedTokens);
        foreach (var (item, reason) in oversize)
            Finish(NotSent(item, new ModelCallException(ErrorKind.RequestTooLarge, $"not sent: {reason}")));
        foreach (var f in files) _queue.Add((f, waitForIdle));
    }

    private void Finish(SampleResult result)
    {
        _done.Add(BatchLines.CustomId(result.Eval, result.SampleId));
        results.Add(result);
        observer.OnFinished(result);
    }

    private SampleResult NotSent(BatchItem item, ModelCallException cause) => new()
    {
        Model = Name,
        Sample = item.Sample,
        ErrorKind = cause.Kind,
        ErrorMessage = cause.Message,
        HttpStatus = cause.HttpStatus,
        Attempts = 0,
        StartedUtc = DateTimeOffset.UtcNow,
        Batch = true,
    };

    /// <summary>Reads a terminal batch's output and error files, journals and scores what finished, queues the rest.</summary>
    private Task ImportAsync(BatchLedgerEntry entry, BatchStatus status, CancellationToken abort) =>
        BatchImport.ImportAsync(this, entry, status, abort);

    // State BatchImport reads and changes (kept here so the lane owns it).
    internal ModelSettings Model => _model;
    internal IBatchApi Api => api;
    internal ResponseJournal Responses => responses;
    internal BatchJournal Journal => journal;
    internal IRunObserver Observer => observer;
    internal bool HasOtherInflight(BatchLedgerEntry entry) => _inflight.Any(e => e.Seq != entry.Seq);
    internal BatchItem? ItemFor(string customId) => _items.GetValueOrDefault(customId) is { } i && !_done.Contains(customId) ? i : null;
    internal int Executed(string customId) => _executions[customId] = _executions.GetValueOrDefault(customId) + 1;
    internal int Stalled(bool progress) => _stalled = progress ? 0 : _stalled + 1;
    internal void Requeue(List<BatchItem> items, bool waitForIdle) => Enqueue(items, waitForIdle);
    internal void RequeueWhole(List<BatchItem> items, bool waitForIdle) { if (items.Count > 0) _queue.Add((items, waitForIdle)); }
    internal void Complete(SampleResult result) => Finish(result);
    internal BatchJournalRecord NewRecord(string kind, int n) => Record(kind, n);
}
