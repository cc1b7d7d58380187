using EvalHarness.Core.Evaluators;
using EvalHarness.Core.RunFolders;

namespace EvalHarness.Core.Reporting.Comparison;

/// <summary>Splits inputs into (run, model) sides and picks the baseline.</summary>
internal static class ComparisonSides
{
    /// <summary>Sides in input order, then first-seen order of (run_id, model) within an input.</summary>
    public static IReadOnlyList<ComparisonSide> Build(IReadOnlyList<RunFolder> inputs)
    {
        var raw = new List<(string RunId, string Model, string Source, List<SampleRow> Records)>();
        foreach (var input in inputs)
        {
            var index = new Dictionary<(string, string), int>();
            foreach (var r in input.Samples)
            {
                if (!index.TryGetValue((r.RunId, r.Model), out var i))
                {
                    i = raw.Count;
                    index[(r.RunId, r.Model)] = i;
                    raw.Add((r.RunId, r.Model, input.SamplesFile, []));
                }
                raw[i].Records.Add(r);
            }
        }
        // Label: the model name when that is unambiguous, else model@run, else model@run#k (same run given twice).
        var labels = raw.Select(s => s.Model).ToList();
        if (labels.Distinct(StringComparer.Ordinal).Count() != labels.Count)
        {
            labels = raw.Select(s => $"{s.Model}@{s.RunId}").ToList();
            if (labels.Distinct(StringComparer.Ordinal).Count() != labels.Count)
                labels = labels.Select((l, k) => $"{l}#{k + 1}").ToList();
        }
        return raw.Select((s, k) => new ComparisonSide(labels[k], s.RunId, s.Model, s.Source, s.Records)).ToList();
    }

    /// <summary>The side named by label, model or run id; null picks the first side.</summary>
    public static ComparisonSide Resolve(IReadOnlyList<ComparisonSide> sides, string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return sides[0];
        Func<ComparisonSide, string>[] keys = [s => s.Label, s => s.Model, s => s.RunId, s => $"{s.RunId}/{s.Model}"];
        foreach (var key in keys)
        {
            var matches = sides.Where(s => string.Equals(key(s), name, StringComparison.Ordinal)).ToList();
            if (matches.Count == 1) return matches[0];
            if (matches.Count > 1)
                throw new EvalInputException($"--baseline '{name}' is ambiguous: {string.Join(", ", matches.Select(m => m.Label))}");
        }
        throw new EvalInputException($"--baseline '{name}' matches no side (sides: {string.Join(", ", sides.Select(s => s.Label))})");
    }
}
