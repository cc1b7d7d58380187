using System.Globalization;
using System.Security.Cryptography;

namespace EvalHarness.Core.Evaluators.Graphwalks;

/// <summary>Official node ids: the first 10 hex characters of md5 of the node index's decimal string.</summary>
internal static class GraphwalksNodeIds
{
    public const int Length = 10;

    public static string Of(int index)
    {
        Span<byte> text = stackalloc byte[11];
        index.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
        MD5.HashData(text[..written], hash);
        return Convert.ToHexStringLower(hash[..(Length / 2)]);
    }

    /// <summary>Ids of nodes 0..count-1.</summary>
    public static string[] Range(int count)
    {
        var ids = new string[count];
        for (var i = 0; i < count; i++) ids[i] = Of(i);
        return ids;
    }
}
