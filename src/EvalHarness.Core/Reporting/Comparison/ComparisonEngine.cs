using EvalHarness.Core.Evaluators;
using EvalHarness.Core.RunFolders;

namespace EvalHarness.Core.Reporting.Comparison;

/// <summary>
/// Pairs samples by (eval, sample_id) between the baseline side and every other side and tests B − A per
/// (eval, group) cell and per eval aggregate (shared/notes/statistics.md, "Two runs on the same samples").
/// </summary>
internal static class ComparisonEngine
{
    public static ComparisonReport Compare(IReadOnlyList<string> paths, ComparisonOptions? options = null) =>
        Compare(paths.Select(RunFolderReader.Read).ToList(), options);

    /// <summary>Compares run folders already read (compare --gate reads each folder once and gates the same data).</summary>
    public static ComparisonReport Compare(IReadOnlyList<RunFolder> inputs, ComparisonOptions? options = null)
    {
        options ??= new ComparisonOptions();
        var sides = ComparisonSides.Build(inputs);
        if (sides.Count < 2)
        {
            throw new EvalInputException(
                $"compare needs at least two sides (models or runs) but the input holds {(sides.Count == 0 ? "no samples" : "only " + sides[0].Label)}");
        }
        var baseline = ComparisonSides.Resolve(sides, options.Baseline);
        var notes = new List<string>();
        var rows = new List<ComparisonRow>();
        foreach (var other in sides.Where(s => !ReferenceEquals(s, baseline)))
        {
            var evalsA = Evals(baseline);
            var evalsB = Evals(other);
            foreach (var eval in evalsA.Where(e => !evalsB.Contains(e, StringComparer.Ordinal)))
                notes.Add($"{eval}: only {baseline.Label} has samples, not {other.Label}");
            foreach (var eval in evalsB.Where(e => !evalsA.Contains(e, StringComparer.Ordinal)))
                notes.Add($"{eval}: only {other.Label} has samples, not {baseline.Label}");
            foreach (var eval in evalsA.Where(e => evalsB.Contains(e, StringComparer.Ordinal)))
                rows.AddRange(CompareEval(baseline, other, eval, options));
        }
        rows = ApplyHolm(rows, options.Alpha);
        var frontier = FrontierTable.Build(sides, options);
        return new ComparisonReport(sides, baseline.Label, rows, frontier, notes, options);
    }

    private static List<string> Evals(ComparisonSide side) => side.Records.Select(r => r.Eval).Distinct(StringComparer.Ordinal).ToList();

    private sealed record Scored(string Id, string Group, double Score, string? Cluster);

    private static IEnumerable<ComparisonRow> CompareEval(ComparisonSide a, ComparisonSide b, string eval, ComparisonOptions options)
    {
        var recordsA = a.Records.Where(r => r.Eval == eval).ToList();
        var recordsB = b.Records.Where(r => r.Eval == eval).ToList();
        var scoredA = PerSample(recordsA);
        var scoredB = PerSample(recordsB).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var groups = recordsA.Concat(recordsB).Select(r => r.Group).Where(g => g != Summary.AllGroup).Distinct(StringComparer.Ordinal).ToList();
        groups.Add(Summary.AllGroup);
        foreach (var group in groups)
        {
            bool InCell(string g) => group == Summary.AllGroup || g == group;
            var cellA = scoredA.Where(s => InCell(s.Group)).ToList();
            var cellB = scoredB.Values.Where(s => InCell(s.Group)).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
            // Pair on the baseline's group label so a cell holds the same samples on both sides.
            var pairs = cellA.Where(s => scoredB.ContainsKey(s.Id)).Select(s => (A: s, B: scoredB[s.Id])).ToList();
            var clusters = group == Summary.AllGroup && pairs.Count > 0 && pairs.All(p => p.A.Cluster is not null)
                ? pairs.Select(p => p.A.Cluster!).ToList()
                : null;
            var result = CellTest.Run(
                pairs.Select(p => p.A.Score).ToList(), pairs.Select(p => p.B.Score).ToList(), clusters,
                cellA.Select(s => s.Score).ToList(), cellB.Select(s => s.Score).ToList(), options);
            var pairedIds = pairs.Select(p => p.A.Id).ToHashSet(StringComparer.Ordinal);
            yield return new ComparisonRow(
                eval, group, a.Label, b.Label, result.NPaired,
                result.NPaired == 0 ? cellA.Count : cellA.Count(s => !pairedIds.Contains(s.Id)),
                result.NPaired == 0 ? cellB.Count : cellB.Count(s => !pairedIds.Contains(s.Id)),
                result.MeanA, result.MeanB, result.Diff, result.Low, result.High, result.PValue, double.NaN,
                result.Mde, result.Correlation, result.Method, false, string.Join("; ", result.Warnings), result.Bootstrap,
                Metrics(a, recordsA.Where(r => InCell(r.Group)).ToList(), eval, group, options),
                Metrics(b, recordsB.Where(r => InCell(r.Group)).ToList(), eval, group, options));
        }
    }

    /// <summary>Scored samples in first-seen order; repeated answers to one sample are averaged first.</summary>
    private static List<Scored> PerSample(IEnumerable<SampleRow> records) =>
        records.Where(r => !r.IsError && r.Score is not null)
            .GroupBy(r => r.SampleId, StringComparer.Ordinal)
            .Select(g => new Scored(g.Key, g.First().Group, g.Average(r => r.Score!.Value), g.First().Cluster))
            .ToList();

    private static SideMetrics Metrics(ComparisonSide side, IReadOnlyList<SampleRow> records, string eval, string group, ComparisonOptions options)
    {
        var scored = records.Where(r => !r.IsError).ToList();
        var ttft = scored.Where(r => r.TtftMs is not null).Select(r => r.TtftMs!.Value).ToList();
        var latency = scored.Where(r => r.LatencyMs is not null).Select(r => r.LatencyMs!.Value).ToList();
        var costs = records.Select(r => RecordCost(r, options)).Where(c => c is not null).Select(c => c!.Value).ToList();
        return new SideMetrics(
            scored.Count, records.Count - scored.Count,
            scored.Count == 0 ? null : scored.Average(r => r.Score!.Value),
            Statistics.Percentile(ttft, 50), Statistics.Percentile(ttft, 95),
            Statistics.Percentile(latency, 50), Statistics.Percentile(latency, 95),
            records.Sum(r => r.PromptTokens ?? 0), records.Sum(r => r.CachedTokens ?? 0), records.Sum(r => r.CompletionTokens ?? 0),
            costs.Count == 0 ? null : costs.Sum(),
            options.Published.Find(eval, group, side.Model));
    }

    /// <summary>The row's cost_usd, else the price table applied to its token counts.</summary>
    internal static double? RecordCost(SampleRow r, ComparisonOptions options) =>
        r.CostUsd ?? (r.PromptTokens is { } p && r.CompletionTokens is { } c
            ? options.Prices.Cost(r.Model, p, r.CachedTokens ?? 0, c)
            : null);

    /// <summary>
    /// Holm across all eval aggregate cells (the cells decisions are made on), and separately across the groups of
    /// each (eval, pair). A cell is significant when its Holm-adjusted p ≤ α and, for continuous scores, the bootstrap
    /// interval agrees (excludes zero): when paired t and bootstrap disagree the conservative answer wins.
    /// </summary>
    private static List<ComparisonRow> ApplyHolm(List<ComparisonRow> rows, double alpha)
    {
        var result = rows.ToArray();
        var families = Enumerable.Range(0, rows.Count)
            .GroupBy(i => rows[i].IsAggregate ? "\u0000all" : $"{rows[i].Eval}\u0000{rows[i].SideA}\u0000{rows[i].SideB}", StringComparer.Ordinal);
        foreach (var family in families)
        {
            var indices = family.ToList();
            var holm = PairedStatistics.Holm(indices.Select(i => rows[i].PValue).ToList(), alpha);
            for (var k = 0; k < indices.Count; k++)
            {
                var row = rows[indices[k]];
                var (adjusted, reject) = holm[k];
                var warning = row.Warning;
                if (reject && row.Bootstrap is { ExcludesZero: false })
                {
                    reject = false;
                    warning = Join(warning, "paired t is significant but the bootstrap CI includes 0: not significant (conservative)");
                }
                else if (!double.IsNaN(row.PValue) && row.PValue > alpha && row.Bootstrap is { ExcludesZero: true })
                {
                    warning = Join(warning, "bootstrap CI excludes 0 but paired t does not: not significant (conservative)");
                }
                result[indices[k]] = row with { PHolm = adjusted, Significant = reject, Warning = warning };
            }
        }
        return result.ToList();
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : a + "; " + b;
}
