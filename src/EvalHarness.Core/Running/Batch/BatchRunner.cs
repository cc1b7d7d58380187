using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Running.Batch;

/// <summary><c>run --batch</c>: the batch settings and, per model, the endpoint's batch API.</summary>
public sealed class BatchRunOptions
{
    public BatchSettings Settings { get; init; } = new();

    /// <summary>The batch API of a model's endpoint (base URL and key resolved by the caller).</summary>
    internal Func<ModelSettings, IBatchApi>? ApiFor { get; init; }

    /// <summary>Passed to the batches' metadata so a person can tell them apart in the provider's dashboard.</summary>
    public string RunId { get; init; } = "";
}

/// <summary>
/// Runs every model's samples through the Batch API instead of <see cref="RunEngine"/>: input files per model,
/// journaled uploads and batches (batches.jsonl), polling with backoff, results joined on custom_id and journaled in
/// responses.jsonl before they are scored, follow-up batches for what is missing. One <see cref="BatchLane"/> per model.
/// </summary>
internal sealed class BatchRunner(BatchRunOptions options, ResponseJournal responses, BatchJournal journal, IRunObserver observer)
{
    public async Task<IReadOnlyList<SampleResult>> RunAsync(
        IReadOnlyList<ModelPlan> plans,
        IReadOnlyDictionary<(string Model, string Eval, string Id), JournalRecord>? previous,
        IReadOnlyList<BatchJournalRecord> history,
        CancellationToken stopSending,
        CancellationToken abort)
    {
        if (options.ApiFor is null) throw new InvalidOperationException("batch mode without a batch API");
        options.Settings.Validate();
        var results = new ConcurrentBag<SampleResult>();
        foreach (var plan in plans)
        {
            foreach (var eval in plan.Evals) observer.OnPlanned(plan.Settings.Name, eval.Evaluator.Name, eval.Samples.Count);
        }
        var ledger = BatchLedger.Fold(history);
        var seq = new SeqCounter(ledger.Count == 0 ? 0 : ledger.Max(e => e.Seq));
        var lanes = plans.Select(p => new BatchLane(p, options.ApiFor(p.Settings), options, responses, journal, observer, seq, results,
            ledger.Where(e => string.Equals(e.Model, p.Settings.Name, StringComparison.Ordinal)).ToList()));
        await Task.WhenAll(lanes.Select(l => l.RunAsync(previous, stopSending, abort))).ConfigureAwait(false);
        return results.ToList();
    }

    /// <summary>The manifest's <c>batch</c> section: per model its batches (ids, status, times) and the total batch wall time.</summary>
    public static JsonObject Manifest(IReadOnlyList<BatchJournalRecord> records, IEnumerable<string> models)
    {
        var section = new JsonObject();
        var ledger = BatchLedger.Fold(records);
        foreach (var model in models)
        {
            var batches = new JsonArray();
            long? first = null, last = null;
            foreach (var e in ledger.Where(e => string.Equals(e.Model, model, StringComparison.Ordinal) && e.BatchId is not null))
            {
                var ended = e.Terminal?.EndedAt;
                if (e.CreatedAt is { } c) first = first is null ? c : Math.Min(first.Value, c);
                if (ended is { } x) last = last is null ? x : Math.Max(last.Value, x);
                batches.Add(new JsonObject
                {
                    ["seq"] = e.Seq,
                    ["batch_id"] = e.BatchId,
                    ["input_file_id"] = e.FileId,
                    ["lines"] = e.CustomIds.Count,
                    ["status"] = e.Terminal?.Status ?? "in_progress",
                    ["error_code"] = e.Terminal?.ErrorCode,
                    ["created_utc"] = Utc(e.CreatedAt),
                    ["completed_utc"] = Utc(ended),
                });
            }
            section[model] = new JsonObject
            {
                ["batches"] = batches,
                ["wall_seconds"] = first is not null && last is not null ? last - first : null,
            };
        }
        return section;
    }

    private static string? Utc(long? unix) =>
        unix is { } u ? DateTimeOffset.FromUnixTimeSeconds(u).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : null;
}

/// <summary>Numbers input files across models and resumes.</summary>
internal sealed class SeqCounter(int last)
{
    private int _last = last;

    public int Next() => Interlocked.Increment(ref _last);
}
