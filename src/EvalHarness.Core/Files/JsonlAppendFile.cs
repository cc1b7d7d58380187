using System.Globalization;

namespace EvalHarness.Core.Files;

/// <summary>
/// An append-only JSONL file (the run's journals): each line is one unbuffered write, flushed to the OS before the call
/// returns, so a crash or Ctrl-C loses nothing appended and a crash or full disk tears at most the last line, which
/// <see cref="RepairTornTail"/> moves aside before the file is opened again. Thread-safe.
/// </summary>
internal sealed class JsonlAppendFile : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public JsonlAppendFile(string path)
    {
        Path = path;
        // No buffer: each line reaches the OS in one write.
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 0, FileOptions.Asynchronous);
    }

    public string Path { get; }

    /// <summary>Appends one whole line (newline included). Not cancellable on purpose: what finished must reach the file, Ctrl-C or not.</summary>
    public async Task AppendAsync(byte[] line)
    {
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

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Every line was flushed when appended; a failing close (full disk) loses nothing more.
        }
        _gate.Dispose();
    }

    /// <summary>
    /// A file whose last line is torn (no final newline, or not a valid record by <paramref name="isRecord"/>) would
    /// glue the next line onto it. The torn bytes are moved to <c>&lt;file&gt;.torn-N</c> (evidence kept) and the file is
    /// truncated to its last complete record. Only the tail is read, never the whole file. Returns the evidence file, or
    /// null when nothing was torn.
    /// </summary>
    public static string? RepairTornTail(string path, Func<ReadOnlyMemory<byte>, bool> isRecord)
    {
        if (!File.Exists(path)) return null;
        long keep;
        byte[] tornBytes;
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
                if (isRecord(ReadRange(stream, start, keep - start))) return null;
                keep = start;
            }
            tornBytes = ReadRange(stream, keep, length - keep);
        }
        var torn = path + ".torn-" + FreeSuffix(path).ToString(CultureInfo.InvariantCulture);
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

    private static int FreeSuffix(string path)
    {
        var n = 1;
        while (File.Exists(path + ".torn-" + n.ToString(CultureInfo.InvariantCulture))) n++;
        return n;
    }
}
