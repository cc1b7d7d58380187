using System.Text;
using System.Text.Json;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.Running;

/// <summary>
/// Append-only responses.jsonl. Each record is written as one line and flushed to the OS before the call returns,
/// so a crash or Ctrl-C loses nothing that finished. Thread-safe. Each record is one write call, so a crash or a full
/// disk tears at most the last line; opening the journal moves such a torn line aside before anything is appended.
/// </summary>
public sealed class ResponseJournal : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly JsonlAppendFile _file;

    public ResponseJournal(string path)
    {
        Path = path;
        TornLineFile = RepairTornTail(path);
        _file = new JsonlAppendFile(path);
    }

    public string Path { get; }

    /// <summary>Where a torn last line found on opening was moved (null when the journal ended cleanly).</summary>
    public string? TornLineFile { get; }

    /// <summary>
    /// A journal whose last line is torn (no final newline, or not a valid record) would glue the next record onto
    /// it. The torn bytes are moved to <c>responses.jsonl.torn-N</c> (evidence kept) and the journal is truncated to
    /// its last complete record. Returns the evidence file, or null when nothing was torn.
    /// </summary>
    public static string? RepairTornTail(string path) => JsonlAppendFile.RepairTornTail(path, line => IsRecord(line.Span));

    private static bool IsRecord(ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line).Trim();
        if (text.Length == 0) return true;
        try
        {
            return JsonSerializer.Deserialize<JournalRecord>(text, Json) is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Appends one record; not cancellable on purpose: a finished, paid-for request must reach the journal even during Ctrl-C.</summary>
    public Task AppendAsync(JournalRecord record, CancellationToken cancellationToken = default) =>
        _file.AppendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Json) + "\n"));

    /// <summary>Reads a journal; the last record per (model, eval, id) wins. Torn last lines (crash mid-write) are skipped.</summary>
    public static IReadOnlyList<JournalRecord> Read(string path)
    {
        var records = new List<JournalRecord>();
        if (!File.Exists(path)) return records;
        // Line by line: only the records are kept, not the file's text.
        var lineNo = 0;
        var corruptAt = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            // A torn final line from a crash is expected; anything before the last line is a corrupt file.
            if (corruptAt > 0) throw new EvalInputException($"{path}:{corruptAt}: not a valid journal record");
            try
            {
                var record = JsonSerializer.Deserialize<JournalRecord>(line, Json);
                if (record is not null) records.Add(record);
            }
            catch (JsonException)
            {
                corruptAt = lineNo;
            }
        }
        return records;
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
