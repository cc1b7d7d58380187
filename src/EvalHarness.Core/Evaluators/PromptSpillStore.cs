using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EvalHarness.Core.Models;
using Microsoft.Win32.SafeHandles;

namespace EvalHarness.Core.Evaluators;

/// <summary>
/// Large prompts of a run, written once to one temporary file as samples stream from their source, so a plan of many
/// long prompts (the official Graphwalks &gt;128k file is ~1.6 GB of text) does not sit in memory. A spilled sample keeps
/// its id, truth, labels and limits in memory and a handle to its messages; <see cref="EvalSample.Messages"/> reads them
/// back on each use (nothing is cached). The file has no name once created (Unix: unlinked while open; Windows:
/// delete-on-close), so nothing is left behind however the process ends. Reads are positional and thread-safe.
/// </summary>
public sealed class PromptSpillStore : IDisposable
{
    /// <summary>Prompts longer than this (UTF-16 chars over all messages) are spilled: 64 KiB.</summary>
    public const int DefaultThresholdChars = 64 * 1024;

    private SafeFileHandle? _handle;
    private readonly object _writeGate = new();
    private long _length;

    /// <param name="directory">Where the file is created (default: the system temp folder).</param>
    /// <param name="thresholdChars">Prompts above this many chars are spilled; 0 spills every prompt.</param>
    public PromptSpillStore(string? directory = null, int thresholdChars = DefaultThresholdChars)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdChars);
        ThresholdChars = thresholdChars;
        var dir = directory ?? Path.GetTempPath();
        FilePath = Path.Combine(dir, $"evalharness-prompts-{Environment.ProcessId}-{Guid.NewGuid():N}.bin");
    }

    /// <summary>The file, created on the first spill (a plan of short prompts never touches the disk).</summary>
    private SafeFileHandle Open()
    {
        var windows = OperatingSystem.IsWindows();
        var handle = File.OpenHandle(FilePath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            windows ? FileOptions.DeleteOnClose : FileOptions.None);
        if (!windows) File.Delete(FilePath); // the open handle keeps the data; the kernel frees it when the last handle closes
        return handle;
    }

    public int ThresholdChars { get; }

    /// <summary>Where the file was created (it has no directory entry any more on Unix).</summary>
    public string FilePath { get; }

    /// <summary>Bytes written so far.</summary>
    public long Length => Interlocked.Read(ref _length);

    /// <summary>Samples spilled so far.</summary>
    public int Spilled { get; private set; }

    /// <summary>The sample itself when its prompt is small (or already spilled), else a copy whose messages live in the file.</summary>
    public EvalSample Spill(EvalSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.IsSpilled) return sample;
        var messages = sample.Messages;
        long chars = 0;
        foreach (var m in messages) chars += m.Content.Length + m.Role.Length;
        if (chars <= ThresholdChars) return sample;
        var handle = Write(messages);
        return sample.WithSpilledMessages(handle);
    }

    /// <summary>Wraps a sample stream: each sample is spilled (or kept) as it arrives.</summary>
    public async IAsyncEnumerable<EvalSample> SpillAsync(IAsyncEnumerable<EvalSample> samples, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var s in samples.WithCancellation(ct).ConfigureAwait(false)) yield return Spill(s);
    }

    private SpilledMessages Write(IReadOnlyList<ChatMessage> messages)
    {
        // Layout: message count, (role chars, content chars) per message (int32 LE), then each string's UTF-16 code units
        // as they are in memory: exact for any string (a lone surrogate survives) and read back without decoding.
        var header = new byte[4 + 8 * messages.Count];
        BinaryPrimitives.WriteInt32LittleEndian(header, messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4 + 8 * i), messages[i].Role.Length);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8 + 8 * i), messages[i].Content.Length);
        }
        lock (_writeGate)
        {
            try
            {
                return WriteLocked(header, messages);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // An unwritable or full temp folder: one line naming the file, like any other file we cannot write.
                throw new Files.CannotWriteException(FilePath, ex);
            }
        }
    }

    private SpilledMessages WriteLocked(byte[] header, IReadOnlyList<ChatMessage> messages)
    {
        _handle ??= Open();
        var offset = _length;
        var at = offset;
        RandomAccess.Write(_handle, header, at);
        at += header.Length;
        foreach (var m in messages)
        {
            foreach (var text in new[] { m.Role, m.Content })
            {
                var bytes = MemoryMarshal.AsBytes(text.AsSpan());
                RandomAccess.Write(_handle, bytes, at);
                at += bytes.Length;
            }
        }
        Interlocked.Exchange(ref _length, at);
        Spilled++;
        return new SpilledMessages(this, offset);
    }

    internal IReadOnlyList<ChatMessage> Read(long offset)
    {
        Span<byte> four = stackalloc byte[4];
        ReadExactly(four, offset);
        var count = BinaryPrimitives.ReadInt32LittleEndian(four);
        var header = new byte[8 * count];
        ReadExactly(header, offset + 4);
        var at = offset + 4 + header.Length;
        var messages = new List<ChatMessage>(count);
        for (var i = 0; i < count; i++)
        {
            var role = ReadString(BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8 * i)), ref at);
            var content = ReadString(BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8 * i + 4)), ref at);
            messages.Add(new ChatMessage(role, content));
        }
        return messages;
    }

    private string ReadString(int chars, ref long at)
    {
        if (chars == 0) return "";
        var start = at;
        at += 2L * chars;
        // Straight into the new string's memory: one allocation of the prompt's size, no decode buffer.
        return string.Create(chars, (Store: this, Offset: start), static (span, s) => s.Store.ReadExactly(MemoryMarshal.AsBytes(span), s.Offset));
    }

    private void ReadExactly(Span<byte> buffer, long offset)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = RandomAccess.Read(_handle!, buffer[read..], offset + read);
            if (n == 0) throw new IOException($"{FilePath}: spilled prompt cut short at byte {offset + read}");
            read += n;
        }
    }

    public void Dispose() => _handle?.Dispose();
}

/// <summary>Where one sample's messages are in a <see cref="PromptSpillStore"/>.</summary>
internal sealed record SpilledMessages(PromptSpillStore Store, long Offset)
{
    public IReadOnlyList<ChatMessage> Read() => Store.Read(Offset);
}
