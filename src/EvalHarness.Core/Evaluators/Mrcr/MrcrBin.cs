using System.Globalization;

namespace EvalHarness.Core.Evaluators.Mrcr;

/// <summary>
/// One reporting bin of o200k tokens over prompt + answer contents. The card's first bin is closed
/// (<c>[4096, 8192]</c>); the others are left-open, right-closed (<c>(8192, 16384]</c>...).
/// </summary>
public sealed record MrcrBin(int Lo, int Hi)
{
    /// <summary>The 8 bins of the dataset card.</summary>
    public static IReadOnlyList<MrcrBin> All { get; } =
    [
        new(4096, 8192), new(8192, 16384), new(16384, 32768), new(32768, 65536),
        new(65536, 131072), new(131072, 262144), new(262144, 524288), new(524288, 1048576),
    ];

    /// <summary><c>4096-8192</c>: the bin column and the group suffix.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Lo}-{Hi}");

    public bool IsFirst => Lo == All[0].Lo && Hi == All[0].Hi;

    public bool Contains(long tokens) => tokens <= Hi && (tokens > Lo || (IsFirst && tokens == Lo));

    /// <summary>The card bin holding <paramref name="tokens"/>, or null below 4096 / above 1048576.</summary>
    public static MrcrBin? Find(long tokens)
    {
        foreach (var bin in All)
        {
            if (bin.Contains(tokens)) return bin;
        }
        return null;
    }

    /// <summary>
    /// Parses the <c>bins</c> option: comma-separated <c>lo-hi</c> ranges or upper edges (<c>8192,131072</c>), each
    /// naming one of the card's bins (other edges would make groups incomparable with published numbers).
    /// Returned in card order, without duplicates.
    /// </summary>
    public static IReadOnlyList<MrcrBin> Parse(string text, string optionName = "bins")
    {
        if (string.Equals(text.Trim(), "all", StringComparison.OrdinalIgnoreCase)) return All;
        var chosen = new bool[All.Count];
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            int? lo = null;
            int hi;
            if (dash >= 0)
            {
                lo = ParseEdge(part[..dash], part, optionName);
                hi = ParseEdge(part[(dash + 1)..], part, optionName);
            }
            else
            {
                hi = ParseEdge(part, part, optionName);
            }
            var index = -1;
            for (var i = 0; i < All.Count; i++)
            {
                if (All[i].Hi == hi && (lo is null || All[i].Lo == lo)) index = i;
            }
            if (index < 0)
            {
                throw new EvalInputException(
                    $"option '{optionName}': '{part}' is not a bin of the MRCR card (use lo-hi or the upper edge of one of: {string.Join(", ", All.Select(b => b.Label))})");
            }
            chosen[index] = true;
        }
        var result = new List<MrcrBin>();
        for (var i = 0; i < All.Count; i++)
        {
            if (chosen[i]) result.Add(All[i]);
        }
        if (result.Count == 0) throw new EvalInputException($"option '{optionName}': no bin given");
        return result;
    }

    private static int ParseEdge(string s, string part, string optionName)
    {
        s = s.Trim();
        var multiplier = 1;
        if (s.EndsWith('k') || s.EndsWith('K'))
        {
            multiplier = 1024;
            s = s[..^1];
        }
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? checked(v * multiplier)
            : throw new EvalInputException($"option '{optionName}': '{part}' is not a token range like 4096-8192");
    }
}
