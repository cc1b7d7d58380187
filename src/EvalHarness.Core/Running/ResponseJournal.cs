using System.Text;
using System.Text.Json;

namespace EvalHarness.Core.Running;

/// <summary>
/// Append-only responses.jsonl. Each record is written as one line and flushed to the OS before the call returns,
/// so a crash or Ctrl-C loses nothing that finished. Thread-safe.
/// </summary>
public sealed class ResponseJournal : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly FileStream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ResponseJournal(string path)
    {
        Path = path;
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.Asynchronous);
    }

    public string Path { get; }

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
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            try
            {
                var record = JsonSerializer.Deserialize<JournalRecord>(lines[i], Json);
                if (record is not null) records.Add(record);
            }
            catch (JsonException)
            {
                // A torn final line from a crash is expected; anything else is a corrupt file.
                if (i < lines.Length - 1) throw new Evaluators.EvalInputException($"{path}:{i + 1}: not a valid journal record");
            }
        }
        return records;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.FlushAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
