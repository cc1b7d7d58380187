using System.Globalization;
using System.Text.Json;
using EvalHarness.Simulator.Chat;
using Microsoft.AspNetCore.Http;

namespace EvalHarness.Simulator.Batches;

/// <summary><c>/v1/batches</c>: create, retrieve, cancel, list.</summary>
internal sealed class BatchesHandler(SimulatorOptions options, FileStore files, BatchStore batches, BatchProcessor processor, SimulatorCounters counters)
{
    public const string ChatEndpoint = "/v1/chat/completions";

    public async Task CreateAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, ct).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await OpenAiError.InvalidRequestAsync(context, "We could not parse the JSON body of your request.", null, null, ct).ConfigureAwait(false);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                await OpenAiError.InvalidRequestAsync(context, "The request body must be a JSON object.", null, null, ct).ConfigureAwait(false);
                return;
            }

            if (RequiredString(root, "input_file_id") is not { } inputFileId)
            {
                await MissingAsync(context, "input_file_id").ConfigureAwait(false);
                return;
            }

            if (RequiredString(root, "endpoint") is not { } endpoint)
            {
                await MissingAsync(context, "endpoint").ConfigureAwait(false);
                return;
            }

            if (RequiredString(root, "completion_window") is not { } window)
            {
                await MissingAsync(context, "completion_window").ConfigureAwait(false);
                return;
            }

            if (endpoint != ChatEndpoint)
            {
                await OpenAiError.InvalidRequestAsync(context, $"Invalid value: '{endpoint}'. Supported values are: '{ChatEndpoint}'.", "endpoint", "invalid_value", ct).ConfigureAwait(false);
                return;
            }

            if (window != "24h")
            {
                await OpenAiError.InvalidRequestAsync(context, $"Invalid value: '{window}'. Supported values are: '24h'.", "completion_window", "invalid_value", ct).ConfigureAwait(false);
                return;
            }

            JsonElement? metadata = null;
            if (root.TryGetProperty("metadata", out var meta) && meta.ValueKind != JsonValueKind.Null)
            {
                if (meta.ValueKind != JsonValueKind.Object || meta.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
                {
                    await OpenAiError.InvalidRequestAsync(context, "Invalid type for 'metadata': expected an object with string values.", "metadata", null, ct).ConfigureAwait(false);
                    return;
                }

                metadata = meta.Clone();
            }

            if (!files.TryGet(inputFileId, out var input))
            {
                await OpenAiError.WriteAsync(context, StatusCodes.Status404NotFound, $"No such File object: {inputFileId}", "invalid_request_error", "input_file_id", null, ct).ConfigureAwait(false);
                return;
            }

            if (input.Purpose != "batch")
            {
                await OpenAiError.InvalidRequestAsync(context, $"The file {inputFileId} has purpose '{input.Purpose}'; a batch input file must have purpose 'batch'.", "input_file_id", null, ct).ConfigureAwait(false);
                return;
            }

            var batch = new SimBatch(FileStore.NewId("batch_"), inputFileId, endpoint, window, metadata, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            batches.Add(batch);
            counters.OnBatchCreated();
            // The answer is written before the processor can move the batch on: a new batch is always seen validating.
            await WriteBatchAsync(context, batch).ConfigureAwait(false);
            processor.Start(batch, input);
        }
    }

    public async Task GetAsync(HttpContext context, string id)
    {
        if (!batches.TryGet(id, out var batch))
        {
            await NotFoundAsync(context, id).ConfigureAwait(false);
            return;
        }

        await WriteBatchAsync(context, batch).ConfigureAwait(false);
    }

    public async Task CancelAsync(HttpContext context, string id)
    {
        if (!batches.TryGet(id, out var batch))
        {
            await NotFoundAsync(context, id).ConfigureAwait(false);
            return;
        }

        string? refused = null;
        lock (batch.Gate)
        {
            if (batch.Status is "validating" or "in_progress")
            {
                batch.Status = "cancelling";
                batch.CancellingAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                batch.Cancel.Cancel();
            }
            else if (batch.Status != "cancelling")
            {
                refused = batch.Status;
            }
        }

        if (refused is not null)
        {
            await OpenAiError.WriteAsync(context, StatusCodes.Status409Conflict, $"Cannot cancel a batch with status '{refused}'.", "invalid_request_error", null, null, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await WriteBatchAsync(context, batch).ConfigureAwait(false);
    }

    public async Task ListAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var query = context.Request.Query;
        var limit = 20;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            await OpenAiError.InvalidRequestAsync(context, $"Invalid 'limit': '{limitText}'. Expected an integer from 1 to 100.", "limit", null, ct).ConfigureAwait(false);
            return;
        }

        var after = query.TryGetValue("after", out var afterText) ? afterText.ToString() : null;
        var (page, hasMore) = batches.List(after, limit);
        await OpenAiError.WriteJsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var batch in page)
            {
                lock (batch.Gate) BatchJson.WriteBatch(w, batch, options.Batch.EmptyFileIdsAsEmptyString);
            }

            w.WriteEndArray();
            if (page.Count > 0)
            {
                w.WriteString("first_id", page[0].Id);
                w.WriteString("last_id", page[^1].Id);
            }
            else
            {
                w.WriteNull("first_id");
                w.WriteNull("last_id");
            }

            w.WriteBoolean("has_more", hasMore);
        }, ct).ConfigureAwait(false);
    }

    private Task WriteBatchAsync(HttpContext context, SimBatch batch) =>
        OpenAiError.WriteJsonAsync(context, StatusCodes.Status200OK, w =>
        {
            lock (batch.Gate) BatchJson.WriteBatchFields(w, batch, options.Batch.EmptyFileIdsAsEmptyString);
        }, context.RequestAborted);

    private static string? RequiredString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static Task MissingAsync(HttpContext context, string name) =>
        OpenAiError.InvalidRequestAsync(context, $"Missing required parameter: '{name}'.", name, "missing_required_parameter", context.RequestAborted);

    private static Task NotFoundAsync(HttpContext context, string id) =>
        OpenAiError.WriteAsync(context, StatusCodes.Status404NotFound, $"No batch found with id '{id}'.", "invalid_request_error", "batch_id", null, context.RequestAborted);
}
