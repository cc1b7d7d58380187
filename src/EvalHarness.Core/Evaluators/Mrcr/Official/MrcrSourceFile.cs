using System.Security.Cryptography;

namespace EvalHarness.Core.Evaluators.Mrcr.Official;

internal enum MrcrFileFormat
{
    Parquet,
    Jsonl,
}

/// <summary>One data file of an MRCR source, with the dataset version its name implies.</summary>
/// <param name="NNeedles">The needle count the file name implies (<c>2needle.parquet</c>), or null when unknown.</param>
/// <param name="Version"><c>v1</c>, <c>v2</c>, or <c>unknown</c> (a JSONL file or a renamed parquet file).</param>
internal sealed record MrcrSourceFile(string Path, MrcrFileFormat Format, int? NNeedles, string Version)
{
    /// <summary>Lower-case hex sha256 of the file, computed streaming (the official files are ~0.5 GB each).</summary>
    public async Task<string> ComputeSha256Async(CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }
}
