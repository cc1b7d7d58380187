using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace EvalHarness.Simulator.Batches;

/// <summary>One file of <c>/v1/files</c>: an uploaded batch input or a batch's output or error file.</summary>
internal sealed record StoredFile(string Id, string Filename, string Purpose, long CreatedAt, ReadOnlyMemory<byte> Content);

/// <summary>The server's files, held in memory (the simulator is a test server). Thread-safe.</summary>
internal sealed class FileStore
{
    private readonly ConcurrentDictionary<string, StoredFile> _files = new(StringComparer.Ordinal);

    public StoredFile Add(string filename, string purpose, ReadOnlyMemory<byte> content)
    {
        var file = new StoredFile(NewId("file-"), filename, purpose, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), content);
        _files[file.Id] = file;
        return file;
    }

    public bool TryGet(string id, out StoredFile file) => _files.TryGetValue(id, out file!);

    public bool Remove(string id) => _files.TryRemove(id, out _);

    /// <summary>
    /// <paramref name="prefix"/> and 24 random hex digits, as OpenAI's ids look. Random rather than counted, so an id
    /// kept from an earlier server (a resumed run against a restarted simulator) is unknown instead of someone else's.
    /// </summary>
    public static string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
