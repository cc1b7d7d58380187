namespace EvalHarness.Core.Reporting.Trend;

/// <summary>
/// One night of a series. <see cref="Drift"/> is set when the endpoint reported a different served model id for this
/// configured model than on its previous night (<see cref="PreviousServedModel"/> → the point's ServedModel).
/// </summary>
public sealed record TrendNight(int Index, TrendPoint Point, bool Drift, string? PreviousServedModel);

/// <summary>The nights of one (model, eval, group), oldest first.</summary>
public sealed record TrendSeries(string Model, string Eval, string Group, IReadOnlyList<TrendNight> Nights)
{
    /// <summary>
    /// Groups the points into series (model, then eval, then group, ordinal), each ordered by start time then run id.
    /// Night indexes count the distinct runs across all points, so the same night has the same number everywhere.
    /// A run given twice contributes one point per cell.
    /// </summary>
    public static IReadOnlyList<TrendSeries> Build(IReadOnlyList<TrendPoint> points)
    {
        var unique = points.DistinctBy(p => (p.RunId, p.Model, p.Eval, p.Group)).ToList();
        var runs = unique.Select(p => (p.StartedUtc, p.RunId)).Distinct()
            .OrderBy(r => r.StartedUtc).ThenBy(r => r.RunId, StringComparer.Ordinal).Select(r => r.RunId).ToList();
        var nightOf = runs.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i + 1, StringComparer.Ordinal);

        // Drift is a property of the configured model on a night, whichever evals it ran.
        var drift = new Dictionary<(string Model, string RunId), string?>();
        foreach (var byModel in unique.GroupBy(p => p.Model, StringComparer.Ordinal))
        {
            string? previous = null;
            foreach (var night in byModel.GroupBy(p => p.RunId, StringComparer.Ordinal).OrderBy(g => nightOf[g.Key]))
            {
                var served = night.Select(p => p.ServedModel).FirstOrDefault(s => s is not null);
                if (served is null) continue;
                if (previous is not null && !string.Equals(previous, served, StringComparison.Ordinal)) drift[(byModel.Key, night.Key)] = previous;
                previous = served;
            }
        }

        return unique
            .GroupBy(p => (p.Model, p.Eval, p.Group))
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.Eval, StringComparer.Ordinal).ThenBy(g => g.Key.Group, StringComparer.Ordinal)
            .Select(g => new TrendSeries(g.Key.Model, g.Key.Eval, g.Key.Group, g
                .OrderBy(p => nightOf[p.RunId])
                .Select(p => new TrendNight(nightOf[p.RunId], p, drift.TryGetValue((p.Model, p.RunId), out var prev), prev))
                .ToList()))
            .ToList();
    }
}
