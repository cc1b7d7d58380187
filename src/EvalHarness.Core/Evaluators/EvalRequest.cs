using System.Globalization;

namespace EvalHarness.Core.Evaluators;

/// <summary>
/// What to generate or load: a seed plus free-form evaluator options (from configuration or the command line,
/// e.g. <c>preset=smoke</c>, <c>context_lengths=1000,4000</c>, <c>haystack_dir=...</c>). Option names are
/// case-insensitive; each evaluator documents the ones it reads and rejects unknown values with <see cref="EvalInputException"/>.
/// </summary>
public sealed class EvalRequest
{
    public int Seed { get; init; } = 42;

    /// <summary>Upper bound on the number of samples (after filtering); null = all.</summary>
    public int? Limit { get; init; }

    public IReadOnlyDictionary<string, string> Options { get; init; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string? GetString(string name) =>
        Options.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    public int GetInt(string name, int fallback)
    {
        var s = GetString(name);
        if (s is null) return fallback;
        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new EvalInputException($"option '{name}': '{s}' is not an integer");
    }

    /// <summary>Comma-separated integers, e.g. <c>1000,4000,16000</c>; null when absent.</summary>
    public IReadOnlyList<int>? GetIntList(string name)
    {
        var s = GetString(name);
        if (s is null) return null;
        var list = new List<int>();
        foreach (var part in s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
                throw new EvalInputException($"option '{name}': '{part}' is not an integer");
            list.Add(v);
        }
        return list;
    }

    public IReadOnlyList<string>? GetStringList(string name) =>
        GetString(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
