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
    private readonly FileStream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ResponseJournal(string path)
    {
        Path = path;
        TornLineFile = RepairTornTail(path);
        // No buffer: each record reaches the OS in one write of the whole line.
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 0, FileOptions.Asynchronous);
    }

    public string Path { get; }

    /// <summary>Where a torn last line found on opening was moved (null when the journal ended cleanly).</summary>
    public string? TornLineFile { get; }

    /// <summary>
    /// A journal whose last line is torn (no final newline, or not a valid record) would glue the next record onto
    /// it. The torn bytes are moved to <c>responses.jsonl.torn-N</c> (evidence kept) and the journal is truncated to
    /// its last complete record. Returns the evidence file, or null when nothing was torn.
    /// </summary>
    public static string? RepairTornTail(string path)
    {
        if (!File.Exists(path)) return null;
        long keep;
        byte[] tornBytes;
        // Only the tail is read: a long run's journal is never loaded whole to check its last line.
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            var length = stream.Length;
            if (length == 0) return null;
            keep = LastNewline(stream, length) + 1; // bytes up to and including the last newline
            if (keep == length)
            {
                // Ends with a newline: the last line may still be a partial record (a torn write that ended in '\n' is
                // unlikely, but a zero-filled or truncated block is not).
                var start = keep >= 2 ? LastNewline(stream, keep - 1) + 1 : 0;
                if (IsRecord(ReadRange(stream, start, keep - start))) return null;
                keep = start;
            }
            tornBytes = ReadRange(stream, keep, length - keep);
        }
        var torn = path + ".torn-" + FreeSuffix(path).ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllBytes(torn, tornBytes);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read))
        {
            stream.SetLength(keep);
            stream.Flush(flushToDisk: true);
        }
        return torn;
    }

    /// <summary>The position of the last '\n' before <paramref name="end"/>, or -1; read backwards in 64 KiB blocks.</summary>
    private static long LastNewline(FileStream stream, long end)
    {
        var buffer = new byte[64 * 1024];
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            var block = buffer.AsSpan(0, (int)(end - start));
            stream.Position = start;
            stream.ReadExactly(block);
            var i = block.LastIndexOf((byte)'\n');
            if (i >= 0) return start + i;
            end = start;
        }
        return -1;
    }

    private static byte[] ReadRange(FileStream stream, long start, long count)
    {
        var bytes = new byte[count];
        stream.Position = start;
        stream.ReadExactly(bytes);
        return bytes;
    }

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

    private static int FreeSuffix(string path)
    {
        var n = 1;
        while (File.Exists(path + ".torn-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture))) n++;
        return n;
    }

    public async Task AppendAsync(JournalRecord record, CancellationToken cancellationToken = default)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Json) + "\n");
        // Not cancellable on purpose: a finished, paid-for request must reach the journal even during Ctrl-C.
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(line, CancellationToken.None).ConfigureAwait(false);
            await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // Disk full: at most this line is torn; the next open moves it aside (RepairTornTail).
            throw new CannotWriteException(Path, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

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

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Every record was flushed when appended; a failing close (full disk) loses nothing more.
        }
        _gate.Dispose();
    }
}
