using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.Running.Batch;

/// <summary>
/// One line of batches.jsonl: a step of a batch, written before a remote call (its intent) and after it (the id it
/// returned). <c>seq</c> numbers one input file of one model, across the run and its resumes.
/// </summary>
public sealed class BatchJournalRecord
{
    public const string UploadStarted = "upload_started";
    public const string Uploaded = "file_uploaded";
    public const string CreateStarted = "batch_create_started";
    public const string Created = "batch_created";
    public const string Terminal = "batch_terminal";
    public const string Imported = "results_imported";

    [JsonPropertyName("event")] public string Event { get; set; } = "";
    [JsonPropertyName("seq")] public int Seq { get; set; }
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("time_utc")] public DateTimeOffset TimeUtc { get; set; }
    [JsonPropertyName("custom_ids")] public List<string>? CustomIds { get; set; }
    [JsonPropertyName("bytes")] public long? Bytes { get; set; }
    [JsonPropertyName("tokens")] public long? Tokens { get; set; }
    [JsonPropertyName("file_id")] public string? FileId { get; set; }
    [JsonPropertyName("batch_id")] public string? BatchId { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("output_file_id")] public string? OutputFileId { get; set; }
    [JsonPropertyName("error_file_id")] public string? ErrorFileId { get; set; }
    [JsonPropertyName("request_counts")] public int[]? RequestCounts { get; set; }
    [JsonPropertyName("error_code")] public string? ErrorCode { get; set; }
    [JsonPropertyName("error_message")] public string? ErrorMessage { get; set; }
    [JsonPropertyName("created_at")] public long? CreatedAt { get; set; }
    [JsonPropertyName("ended_at")] public long? EndedAt { get; set; }
    [JsonPropertyName("answered")] public int? Answered { get; set; }
    [JsonPropertyName("failed")] public int? Failed { get; set; }
    [JsonPropertyName("resubmitted")] public int? Resubmitted { get; set; }
}

/// <summary>
/// Append-only batches.jsonl, flushed after every record like responses.jsonl: what was uploaded and submitted, so a
/// resumed run re-attaches to its batches instead of paying for them again. Thread-safe.
/// </summary>
internal sealed class BatchJournal : IAsyncDisposable
{
    public const string FileName = "batches.jsonl";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly JsonlAppendFile _file;

    public BatchJournal(string path)
    {
        Path = path;
        // A torn last line (crash mid-write) is moved aside, as for responses.jsonl.
        JsonlAppendFile.RepairTornTail(path, IsRecord);
        _file = new JsonlAppendFile(path);
    }

    public string Path { get; }

    /// <summary>Appends one step; not cancellable: a batch id the server returned must reach the journal even during Ctrl-C.</summary>
    public Task AppendAsync(BatchJournalRecord record)
    {
        record.TimeUtc = record.TimeUtc == default ? DateTimeOffset.UtcNow : record.TimeUtc;
        return _file.AppendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Json) + "\n"));
    }

    public static IReadOnlyList<BatchJournalRecord> Read(string path)
    {
        var records = new List<BatchJournalRecord>();
        if (!File.Exists(path)) return records;
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            try
            {
                if (JsonSerializer.Deserialize<BatchJournalRecord>(lines[i], Json) is { } r) records.Add(r);
            }
            catch (JsonException)
            {
                if (i < lines.Length - 1) throw new EvalInputException($"{path}:{i + 1}: not a valid batch journal record");
            }
        }
        return records;
    }

    private static bool IsRecord(ReadOnlyMemory<byte> line)
    {
        var text = Encoding.UTF8.GetString(line.Span).Trim();
        if (text.Length == 0) return true;
        try
        {
            return JsonSerializer.Deserialize<BatchJournalRecord>(text, Json) is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}

/// <summary>The state of one input file (one <c>seq</c>) as the journal tells it.</summary>
internal sealed class BatchLedgerEntry
{
    public required int Seq { get; init; }

    public required string Model { get; init; }

    public List<string> CustomIds { get; set; } = [];

    public long Tokens { get; set; }

    public string? FileId { get; set; }

    public bool CreateStarted { get; set; }

    public string? BatchId { get; set; }

    public BatchJournalRecord? Terminal { get; set; }

    public bool Imported { get; set; }

    public long? CreatedAt { get; set; }
}

/// <summary>Folds batches.jsonl into one entry per input file, in seq order.</summary>
internal static class BatchLedger
{
    public static List<BatchLedgerEntry> Fold(IEnumerable<BatchJournalRecord> records)
    {
        var bySeq = new SortedDictionary<int, BatchLedgerEntry>();
        foreach (var r in records)
        {
            if (!bySeq.TryGetValue(r.Seq, out var e)) bySeq[r.Seq] = e = new BatchLedgerEntry { Seq = r.Seq, Model = r.Model };
            switch (r.Event)
            {
                case BatchJournalRecord.UploadStarted:
                    e.CustomIds = r.CustomIds ?? [];
                    e.Tokens = r.Tokens ?? 0;
                    break;
                case BatchJournalRecord.Uploaded:
                    e.FileId = r.FileId;
                    break;
                case BatchJournalRecord.CreateStarted:
                    e.CreateStarted = true;
                    e.FileId ??= r.FileId;
                    break;
                case BatchJournalRecord.Created:
                    e.BatchId = r.BatchId;
                    e.CreatedAt = r.CreatedAt;
                    break;
                case BatchJournalRecord.Terminal:
                    e.Terminal = r;
                    break;
                case BatchJournalRecord.Imported:
                    e.Imported = true;
                    break;
            }
        }
        return bySeq.Values.ToList();
    }
}
