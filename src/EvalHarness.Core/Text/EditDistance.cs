namespace EvalHarness.Core.Text;

/// <summary>Levenshtein distance, for "did you mean" hints on unknown keys.</summary>
internal static class EditDistance
{
    public static int Between(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>The candidate nearest to <paramref name="key"/> (ties: first in order), or null when there is none.</summary>
    public static string? Nearest(string key, IEnumerable<string> candidates) =>
        candidates.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(c => (c, d: Between(key, c)))
            .OrderBy(x => x.d)
            .ThenBy(x => x.c, StringComparer.Ordinal)
            .Select(x => x.c)
            .FirstOrDefault();

    /// <summary>"; did you mean 'x'?" (valid keys: ...) text for an error message, or "" when there are no candidates.</summary>
    public static string Suggest(string key, IEnumerable<string> candidates)
    {
        var list = candidates.ToList();
        return Nearest(key, list) is { } nearest ? $"; did you mean '{nearest}'?" : "";
    }
}
