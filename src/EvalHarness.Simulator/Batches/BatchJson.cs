using System.Text.Json;

namespace EvalHarness.Simulator.Batches;

/// <summary>The JSON of the Batch API: batch objects, list pages, and output/error file lines.</summary>
internal static class BatchJson
{
    /// <summary>The batch object; the caller holds <see cref="SimBatch.Gate"/>.</summary>
    public static void WriteBatch(Utf8JsonWriter w, SimBatch b, bool emptyFileIdsAsEmptyString)
    {
        w.WriteStartObject();
        WriteBatchFields(w, b, emptyFileIdsAsEmptyString);
        w.WriteEndObject();
    }

    /// <summary>The batch object's fields, for a writer already inside the object.</summary>
    public static void WriteBatchFields(Utf8JsonWriter w, SimBatch b, bool emptyFileIdsAsEmptyString)
    {
        w.WriteString("id", b.Id);
        w.WriteString("object", "batch");
        w.WriteString("endpoint", b.Endpoint);
        if (b.Errors is null)
        {
            w.WriteNull("errors");
        }
        else
        {
            w.WriteStartObject("errors");
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var e in b.Errors)
            {
                w.WriteStartObject();
                w.WriteString("code", e.Code);
                w.WriteString("message", e.Message);
                if (e.Param is null) w.WriteNull("param");
                else w.WriteString("param", e.Param);
                if (e.Line is { } line) w.WriteNumber("line", line);
                else w.WriteNull("line");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteString("input_file_id", b.InputFileId);
        w.WriteString("completion_window", b.CompletionWindow);
        w.WriteString("status", b.Status);
        WriteFileId(w, "output_file_id", b.OutputFileId, emptyFileIdsAsEmptyString);
        WriteFileId(w, "error_file_id", b.ErrorFileId, emptyFileIdsAsEmptyString);
        w.WriteNumber("created_at", b.CreatedAt);
        WriteTime(w, "in_progress_at", b.InProgressAt);
        w.WriteNumber("expires_at", b.ExpiresAt);
        WriteTime(w, "finalizing_at", b.FinalizingAt);
        WriteTime(w, "completed_at", b.CompletedAt);
        WriteTime(w, "failed_at", b.FailedAt);
        WriteTime(w, "expired_at", b.ExpiredAt);
        WriteTime(w, "cancelling_at", b.CancellingAt);
        WriteTime(w, "cancelled_at", b.CancelledAt);
        w.WriteStartObject("request_counts");
        w.WriteNumber("total", b.Total);
        w.WriteNumber("completed", b.Completed);
        w.WriteNumber("failed", b.Failed);
        w.WriteEndObject();
        if (b.Metadata is { } metadata)
        {
            w.WritePropertyName("metadata");
            metadata.WriteTo(w);
        }
        else
        {
            w.WriteNull("metadata");
        }
    }

    /// <summary>An output or error file line of an executed request: the response the endpoint would have given.</summary>
    public static void WriteResponseLine(Utf8JsonWriter w, string lineId, string customId, int statusCode, string requestId, Action<Utf8JsonWriter> body)
    {
        w.WriteStartObject();
        w.WriteString("id", lineId);
        w.WriteString("custom_id", customId);
        w.WriteStartObject("response");
        w.WriteNumber("status_code", statusCode);
        w.WriteString("request_id", requestId);
        w.WritePropertyName("body");
        body(w);
        w.WriteEndObject();
        w.WriteNull("error");
        w.WriteEndObject();
    }

    /// <summary>An error file line of a request never executed (batch expired or cancelled).</summary>
    public static void WriteNotExecutedLine(Utf8JsonWriter w, string lineId, string customId, string code, string message)
    {
        w.WriteStartObject();
        w.WriteString("id", lineId);
        w.WriteString("custom_id", customId);
        w.WriteNull("response");
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteFileId(Utf8JsonWriter w, string name, string? id, bool emptyAsEmptyString)
    {
        if (id is not null) w.WriteString(name, id);
        else if (emptyAsEmptyString) w.WriteString(name, "");
        else w.WriteNull(name);
    }

    private static void WriteTime(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
