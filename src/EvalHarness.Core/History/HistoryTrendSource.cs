using System.Globalization;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Trend;

namespace EvalHarness.Core.History;

/// <summary>
/// The trend page's points from the history database, so the page survives the run folders (a nightly job keeps only
/// the database). Per-cell gate verdicts come from the run's <c>gate/gate.json</c> while its folder still exists;
/// without it every point of a gated night carries that night's verdict (the database keeps one per run).
/// </summary>
public sealed class HistoryTrendSource(HistoryStore store, string group = Summary.AllGroup, string? suite = null) : ITrendSource
{
    public async Task<IReadOnlyList<TrendPoint>> LoadAsync(CancellationToken ct)
    {
        var runs = (await store.ListRunsAsync(ct).ConfigureAwait(false)).ToDictionary(r => r.RunId, StringComparer.Ordinal);
        var cells = await store.ReadCellsAsync(suite, ct).ConfigureAwait(false);
        var gates = new Dictionary<string, RunFolderTrendSource.GateFile?>(StringComparer.Ordinal);
        var points = new List<TrendPoint>();
        foreach (var c in cells)
        {
            if (!string.Equals(c.Group, group, StringComparison.Ordinal)) continue;
            if (c.StartedUtc is null
                || !DateTimeOffset.TryParse(c.StartedUtc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started))
                continue; // a run without a start time cannot be placed on the time axis
            runs.TryGetValue(c.RunId, out var run);
            if (!gates.TryGetValue(c.RunId, out var gate))
            {
                gate = run?.RunDir is { } dir && File.Exists(RunFolderTrendSource.GateJsonPath(dir)) ? RunFolderTrendSource.GateVerdicts(dir, c.RunId) : null;
                gates[c.RunId] = gate;
            }
            var (verdict, underpowered) = gate is null ? (c.GateVerdict, false)
                : gate.Guard ? ("GUARD", false)
                : gate.Cells.TryGetValue((c.Model, c.Eval, c.Group), out var v) ? v : ((string?)null, false);
            points.Add(new TrendPoint(
                c.RunId, started, c.Model, ServedIds(c.ServedModel), c.Eval, c.Group, (int)(c.N ?? 0), (int)(c.NErrors ?? 0),
                c.Mean, c.Ci95Low, c.Ci95High, c.TtftP50Ms, c.TtftP95Ms, c.CostUsd, verdict, underpowered, run?.Suite));
        }
        return points;
    }

    /// <summary>The database joins served ids with ","; the page (like the folder source) with "+" in ordinal order.</summary>
    private static string? ServedIds(string? joined)
    {
        if (string.IsNullOrWhiteSpace(joined)) return null;
        var ids = joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return string.Join('+', ids);
    }
}
