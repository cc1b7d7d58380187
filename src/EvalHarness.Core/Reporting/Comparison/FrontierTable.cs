namespace EvalHarness.Core.Reporting.Comparison;

/// <summary>
/// Per eval: every side's aggregate score, cost and p95 TTFT, sorted by cost. A side is Pareto-optimal when no
/// other side is at least as cheap and at least as good and strictly better on one of the two. Sides without a
/// cost are listed but never on the frontier.
/// </summary>
public static class FrontierTable
{
    public static IReadOnlyList<FrontierRow> Build(IReadOnlyList<ComparisonSide> sides, ComparisonOptions options)
    {
        var rows = new List<FrontierRow>();
        var evals = sides.SelectMany(s => s.Records.Select(r => r.Eval)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var eval in evals)
        {
            var points = new List<(string Side, double? Score, double? Cost, double? Ttft)>();
            foreach (var side in sides)
            {
                var records = side.Records.Where(r => r.Eval == eval).ToList();
                if (records.Count == 0) continue;
                var scored = records.Where(r => !r.IsError).ToList();
                var costs = records.Select(r => ComparisonEngine.RecordCost(r, options)).Where(c => c is not null).Select(c => c!.Value).ToList();
                var ttft = scored.Where(r => r.TtftMs is not null).Select(r => r.TtftMs!.Value).ToList();
                points.Add((side.Label, scored.Count == 0 ? null : scored.Average(r => r.Score!.Value),
                    costs.Count == 0 ? null : costs.Sum(), Statistics.Percentile(ttft, 95)));
            }
            rows.AddRange(Mark(eval, points, options.FrontierWithinPoints));
        }
        return rows;
    }

    internal static IEnumerable<FrontierRow> Mark(string eval, IReadOnlyList<(string Side, double? Score, double? Cost, double? Ttft)> points, double withinPoints)
    {
        var priced = points.Where(p => p.Score is not null && p.Cost is not null).ToList();
        string? cheapest = null;
        if (priced.Count > 0)
        {
            var best = priced.Max(p => p.Score!.Value);
            cheapest = priced.Where(p => p.Score!.Value >= best - withinPoints / 100.0)
                .OrderBy(p => p.Cost!.Value).ThenByDescending(p => p.Score!.Value).First().Side;
        }
        return points
            .OrderBy(p => p.Cost is null).ThenBy(p => p.Cost ?? 0).ThenByDescending(p => p.Score ?? double.NegativeInfinity)
            .Select(p => new FrontierRow(eval, p.Side, p.Score, p.Cost, p.Ttft,
                p.Score is not null && p.Cost is not null && !priced.Any(q => Dominates(q, p)),
                string.Equals(p.Side, cheapest, StringComparison.Ordinal)));
    }

    private static bool Dominates((string Side, double? Score, double? Cost, double? Ttft) q, (string Side, double? Score, double? Cost, double? Ttft) p) =>
        q.Cost!.Value <= p.Cost!.Value && q.Score!.Value >= p.Score!.Value && (q.Cost.Value < p.Cost.Value || q.Score.Value > p.Score.Value);
}
