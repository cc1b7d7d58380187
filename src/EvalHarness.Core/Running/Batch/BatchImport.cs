using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Running.Batch;

/// <summary>
/// Imports one terminal batch of a <see cref="BatchLane"/>: for every status, BOTH the output and the error file when
/// present, joined on custom_id. Each finished request is journaled in responses.jsonl first, then scored. Answers
/// carry usage, finish reason and served model, with latency and TTFT null (a batch has no per-request timing).
/// </summary>
internal static class BatchImport
{
    /// <summary>Journaled as the terminal status of a batch the server answers for with a non-retryable error (404...).</summary>
    public const string Lost = "lost";

    private static readonly HashSet<string> SplitCodes = new(StringComparer.Ordinal) { "token_limit_exceeded", "too_many_requests", "file_too_large" };

    public static async Task ImportAsync(BatchLane lane, BatchLedgerEntry entry, BatchStatus status, CancellationToken abort)
    {
        var model = lane.Model;
        var items = entry.CustomIds.Select(lane.ItemFor).OfType<BatchItem>().ToList();
        var started = entry.CreatedAt is { } c ? DateTimeOffset.FromUnixTimeSeconds(c) : DateTimeOffset.UtcNow;
        var finished = status.EndedAt is { } e ? DateTimeOffset.FromUnixTimeSeconds(e) : DateTimeOffset.UtcNow;
        int answered = 0, failed = 0, resubmitted = 0;

        if (status.Status == Lost)
        {
            // Unknown to the server now: nothing can be downloaded; the lines go out again until that stops helping.
            if (lane.Stalled(progress: false) > model.MaxRetries)
            {
                foreach (var item in items)
                {
                    await JournalErrorAsync(lane, item, new ModelCallException(ErrorKind.Other, $"batch {status.Id} lost: {status.ErrorMessage}"), 0, started, finished).ConfigureAwait(false);
                    failed++;
                }
            }
            else
            {
                lane.RequeueWhole(items, waitForIdle: false);
                resubmitted = items.Count;
            }
        }
        else if (status.Status == "failed")
        {
            // Rejected as a whole at validation: nothing ran, nothing was paid.
            if (status.ErrorCode is { } code && SplitCodes.Contains(code))
            {
                if (lane.HasOtherInflight(entry))
                {
                    lane.RequeueWhole(items, waitForIdle: true); // the limit counts the model's other batches too: wait for them
                    resubmitted = items.Count;
                }
                else if (items.Count > 1)
                {
                    var half = items.Count / 2;
                    lane.RequeueWhole(items[..half], waitForIdle: true);
                    lane.RequeueWhole(items[half..], waitForIdle: true);
                    resubmitted = items.Count;
                    lane.Observer.OnBatchProgress(model.Name, $"batch {status.Id} failed ({code}): split into two batches of {half} and {items.Count - half} requests");
                }
                else
                {
                    foreach (var item in items)
                    {
                        await JournalErrorAsync(lane, item, new ModelCallException(ErrorKind.RequestTooLarge, $"batch {status.Id} failed alone: {code}: {status.ErrorMessage}") { ServerCode = code }, 0, started, finished).ConfigureAwait(false);
                        failed++;
                    }
                }
            }
            else
            {
                foreach (var item in items)
                {
                    await JournalErrorAsync(lane, item, new ModelCallException(ErrorKind.BadRequest, $"batch {status.Id} failed: {status.ErrorCode ?? "no error code"}: {status.ErrorMessage}") { ServerCode = status.ErrorCode }, 0, started, finished).ConfigureAwait(false);
                    failed++;
                }
            }
        }
        else
        {
            // completed, expired or cancelled: finished lines are in the output file, failed and unexecuted ones in the
            // error file; either may be absent ("" or null), and a line missing from both is submitted again.
            // Both files are downloaded to nameless temp files and read a line at a time: answers are journaled as read.
            await using var output = await DownloadAsync(lane, status.OutputFileId, abort).ConfigureAwait(false);
            await using var errors = await DownloadAsync(lane, status.ErrorFileId, abort).ConfigureAwait(false);
            var byId = items.ToDictionary(i => i.CustomId, StringComparer.Ordinal);
            var answeredIds = new HashSet<string>(StringComparer.Ordinal);
            var outcomes = await BatchOutput.ReadAsync([output, errors], async a =>
            {
                if (!byId.TryGetValue(a.CustomId, out var item)) return; // not a request of this batch
                answeredIds.Add(a.CustomId);
                await JournalAnswerAsync(lane, item, a, lane.Executed(item.CustomId), started, finished).ConfigureAwait(false);
                answered++;
            }, abort).ConfigureAwait(false);
            var again = new List<BatchItem>();
            var unexecuted = new List<(BatchItem Item, string Why)>();
            foreach (var item in items.Where(i => !answeredIds.Contains(i.CustomId)))
            {
                switch (outcomes.GetValueOrDefault(item.CustomId))
                {
                    case BatchOutcome.Failure f:
                        var executions = lane.Executed(item.CustomId);
                        if (f.Error.Kind.IsRetryable() && executions <= model.MaxRetries)
                        {
                            again.Add(item);
                        }
                        else
                        {
                            await JournalErrorAsync(lane, item, f.Error, executions, started, finished).ConfigureAwait(false);
                            failed++;
                        }
                        break;
                    case BatchOutcome.NotExecuted n:
                        unexecuted.Add((item, n.Code));
                        break;
                    default:
                        unexecuted.Add((item, $"absent from the output and error files of a {status.Status} batch"));
                        break;
                }
            }
            // Lines that never ran go out again; a batch that ran none of them, MaxRetries + 1 times in a row, ends them.
            if (unexecuted.Count > 0 && lane.Stalled(progress: answered + failed + again.Count > 0) > model.MaxRetries)
            {
                foreach (var (item, why) in unexecuted)
                {
                    await JournalErrorAsync(lane, item, new ModelCallException(ErrorKind.Timeout, $"not executed by {model.MaxRetries + 1} batches in a row (batch {status.Id} {status.Status}: {why})"), 0, started, finished).ConfigureAwait(false);
                    failed++;
                }
            }
            else
            {
                again.AddRange(unexecuted.Select(u => u.Item));
            }
            resubmitted = again.Count;
            lane.Requeue(again, waitForIdle: false);
        }

        var imported = lane.NewRecord(BatchJournalRecord.Imported, entry.Seq);
        imported.BatchId = status.Id;
        imported.Answered = answered;
        imported.Failed = failed;
        imported.Resubmitted = resubmitted;
        await lane.Journal.AppendAsync(imported).ConfigureAwait(false);
        entry.Imported = true;
        lane.Observer.OnBatchProgress(model.Name, $"batch {status.Id} {status.Status}: imported {answered} answers, {failed} errors; {resubmitted} requests go into a new batch");
    }

    /// <summary>A file's content in a nameless temp file, positioned at its start; an absent file ("" or null id) is empty.</summary>
    private static async Task<FileStream> DownloadAsync(BatchLane lane, string? fileId, CancellationToken abort)
    {
        var file = BatchLines.TempFile();
        try
        {
            if (fileId is not null) await lane.Api.DownloadAsync(fileId, file, abort).ConfigureAwait(false);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static Task JournalAnswerAsync(BatchLane lane, BatchItem item, BatchOutcome.Answer a, int attempts, DateTimeOffset started, DateTimeOffset finished) =>
        JournalAsync(lane, item, new JournalRecord
        {
            Response = a.Text,
            Attempts = attempts,
            StartedUtc = started,
            FinishedUtc = finished,
            PromptTokens = a.Usage?.PromptTokens,
            CachedTokens = a.Usage?.CachedTokens,
            CompletionTokens = a.Usage?.CompletionTokens,
            ReasoningTokens = a.Usage?.ReasoningTokens,
            UsageMissing = a.Usage is null,
            ServedModel = a.ServedModel,
            FinishReason = a.FinishReason,
            Reasoning = a.Reasoning,
        });

    private static Task JournalErrorAsync(BatchLane lane, BatchItem item, ModelCallException error, int attempts, DateTimeOffset started, DateTimeOffset finished) =>
        JournalAsync(lane, item, new JournalRecord
        {
            ErrorKind = error.Kind.ToCsv(),
            ErrorMessage = error.Message,
            HttpStatus = error.HttpStatus,
            Attempts = attempts,
            StartedUtc = started,
            FinishedUtc = finished,
        });

    /// <summary>Journal first (the request is paid for), then score: as the streaming engine does.</summary>
    private static async Task JournalAsync(BatchLane lane, BatchItem item, JournalRecord record)
    {
        record.Model = lane.Model.Name;
        record.Eval = item.Evaluator.Name;
        record.Id = item.Sample.Id;
        record.MaxOutputTokens = item.MaxOutputTokens;
        record.Batch = true;
        await lane.Responses.AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
        lane.Complete(RunEngine.FromJournal(lane.Model.Name, item.Evaluator, item.Sample, record));
    }
}
