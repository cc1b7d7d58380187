using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EvalHarness.Simulator.Solvers;
using Microsoft.Extensions.Logging;

namespace EvalHarness.Simulator.Batches;

/// <summary>
/// Runs one batch in the background: validating → in_progress (lines answered spread over
/// <see cref="BatchOptions.CompletionSeconds"/>) → finalizing → completed; or failed, expired, cancelled.
/// </summary>
internal sealed class BatchProcessor(SimulatorOptions options, SolverRegistry solvers, SimulatorCounters counters, FileStore files, BatchStore batches, ILogger logger, CancellationToken stopping)
{
    private const string ExpiredMessage = "This request could not be executed before the completion window expired.";
    private const string CancelledMessage = "This request was not executed because the batch was cancelled.";

    private readonly BatchLineAnswerer _answerer = new(options, solvers, counters);

    private BatchOptions Knobs => options.Batch;

    public void Start(SimBatch batch, StoredFile input) => _ = Task.Run(() => RunAsync(batch, input), CancellationToken.None);

    private async Task RunAsync(SimBatch batch, StoredFile inputFile)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, batch.Cancel.Token);
        try
        {
            await Task.Yield();
            var input = BatchInput.Validate(inputFile.Content, batch.Endpoint, Knobs);
            if (input.Errors.Count > 0)
            {
                Fail(batch, input.Errors);
                return;
            }

            if (!Enqueue(batch, input))
            {
                Fail(batch, [new BatchError("token_limit_exceeded", string.Create(CultureInfo.InvariantCulture, $"Enqueued token limit reached for {input.Model} in organization org-sim. Limit: {Knobs.EnqueuedTokenLimit} enqueued tokens. Please try again once some in_progress batches have been completed."))]);
                return;
            }

            lock (batch.Gate)
            {
                // Cancelled while validating: the batch stays cancelling, and ExecuteAsync sees the cancel at once.
                if (batch.Status == "validating")
                {
                    batch.Status = "in_progress";
                    batch.InProgressAt = Now();
                }

                batch.Total = input.Lines.Count;
            }

            await ExecuteAsync(batch, input, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The server is stopping; the batch dies with it.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "simulated batch {Id} failed", batch.Id);
            Fail(batch, [new BatchError("server_error", "The simulator failed while processing the batch: " + ex.Message)]);
        }
        finally
        {
            batches.Release(batch);
        }
    }

    private bool Enqueue(SimBatch batch, BatchInput input)
    {
        long tokens = 0;
        if (Knobs.EnqueuedTokenLimit is not null)
        {
            foreach (var line in input.Lines)
            {
                using var document = JsonDocument.Parse(input.LineBytes(line));
                tokens += BatchLineAnswerer.EnqueuedTokens(document.RootElement.GetProperty("body"));
            }
        }

        return batches.TryEnqueue(batch, input.Model!, tokens, Knobs.EnqueuedTokenLimit);
    }

    private async Task ExecuteAsync(SimBatch batch, BatchInput input, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var window = TimeSpan.FromSeconds(Knobs.CompletionSeconds);
        var output = new JsonLinesBuffer();
        var errors = new JsonLinesBuffer();
        var lines = input.Lines;
        var executed = 0;
        var cancelled = false;
        for (; executed < lines.Count; executed++)
        {
            if (executed == Knobs.ExpireAfterLines) break;
            try
            {
                await WaitUntilAsync(start, window * executed / lines.Count, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (batch.Cancel.IsCancellationRequested && !stopping.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }

            var ok = ExecuteLine(batch, input, executed, output, errors);
            lock (batch.Gate)
            {
                if (ok) batch.Completed++;
                else batch.Failed++;
            }
        }

        if (!cancelled)
        {
            try
            {
                await WaitUntilAsync(start, window, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (batch.Cancel.IsCancellationRequested && !stopping.IsCancellationRequested)
            {
                cancelled = true;
            }
        }

        if (cancelled || executed < lines.Count)
        {
            var (code, message) = cancelled ? ("batch_cancelled", CancelledMessage) : ("batch_expired", ExpiredMessage);
            for (var i = executed; i < lines.Count; i++)
            {
                errors.Add(w => BatchJson.WriteNotExecutedLine(w, LineId(batch, lines[i].Number), lines[i].CustomId, code, message));
            }

            Finish(batch, output, errors, cancelled ? "cancelled" : "expired");
            return;
        }

        bool finalize;
        lock (batch.Gate)
        {
            // A cancel after the last line still ends cancelled (with every line answered).
            finalize = batch.Status == "in_progress";
            if (finalize)
            {
                batch.Status = "finalizing";
                batch.FinalizingAt = Now();
            }
        }

        await Task.Yield();
        Finish(batch, output, errors, finalize ? "completed" : "cancelled");
    }

    /// <summary>Answers line <paramref name="index"/> into the output (true) or error (false) file.</summary>
    private bool ExecuteLine(SimBatch batch, BatchInput input, int index, JsonLinesBuffer output, JsonLinesBuffer errors)
    {
        var line = input.Lines[index];
        using var document = JsonDocument.Parse(input.LineBytes(line));
        var body = document.RootElement.GetProperty("body");
        counters.OnBatchLineExecuted(body.GetProperty("model").GetString()!, line.CustomId);
        var completionId = BatchLineAnswerer.CompletionId(options.Seed, batch.Id, line.Number);
        var response = Knobs.FailEveryNthLine is { } n && (index + 1) % n == 0
            ? BatchLineAnswerer.ServerError()
            : _answerer.Answer(body, completionId);
        var requestId = completionId.Replace("chatcmpl-", "req_", StringComparison.Ordinal);
        var target = response.StatusCode == 200 ? output : errors;
        target.Add(w => BatchJson.WriteResponseLine(w, LineId(batch, line.Number), line.CustomId, response.StatusCode, requestId, response.WriteBody));
        return response.StatusCode == 200;
    }

    /// <summary>Stores the non-empty result files and moves the batch to its terminal status.</summary>
    private void Finish(SimBatch batch, JsonLinesBuffer output, JsonLinesBuffer errors, string status)
    {
        var outputFile = output.IsEmpty ? null : files.Add($"batch_{batch.Id}_output.jsonl", "batch_output", output.Content);
        var errorFile = errors.IsEmpty ? null : files.Add($"batch_{batch.Id}_error.jsonl", "batch_output", errors.Content);
        lock (batch.Gate)
        {
            var now = Now();
            if (status == "cancelled" && batch.CancellingAt is null) batch.CancellingAt = now;
            batch.Status = status;
            batch.OutputFileId = outputFile?.Id;
            batch.ErrorFileId = errorFile?.Id;
            switch (status)
            {
                case "completed": batch.CompletedAt = now; break;
                case "expired": batch.ExpiredAt = now; break;
                case "cancelled": batch.CancelledAt = now; break;
            }
        }
    }

    private static void Fail(SimBatch batch, IReadOnlyList<BatchError> errors)
    {
        lock (batch.Gate)
        {
            if (batch.IsTerminal) return;
            batch.Status = "failed";
            batch.FailedAt = Now();
            batch.Errors = errors;
        }
    }

    private static async Task WaitUntilAsync(long start, TimeSpan due, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var wait = due - Stopwatch.GetElapsedTime(start);
        if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct).ConfigureAwait(false);
    }

    private string LineId(SimBatch batch, int lineNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"batch_req_{Internal.SplitMix64.Mix(options.Seed ^ Internal.SplitMix64.HashString(batch.Id) ^ ((ulong)lineNumber << 32)):x16}");

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>A JSONL file being written; its bytes are stored as they are (no copy) once finished.</summary>
    private sealed class JsonLinesBuffer
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();
        private readonly Utf8JsonWriter _writer;

        public JsonLinesBuffer() => _writer = new Utf8JsonWriter(_buffer);

        public bool IsEmpty => _buffer.WrittenCount == 0;

        public ReadOnlyMemory<byte> Content => _buffer.WrittenMemory;

        public void Add(Action<Utf8JsonWriter> line)
        {
            line(_writer);
            _writer.Flush();
            _writer.Reset(_buffer);
            _buffer.Write("\n"u8);
        }
    }
}
