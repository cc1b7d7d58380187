using System.Globalization;
using EvalHarness.Core.Reporting;

namespace EvalHarness.Report;

/// <summary>
/// A cell's numbers: mean over scored samples with its 95% interval (<see cref="Statistics.MeanCi95"/>, clustered where
/// the samples carry clusters), scored and errored counts, samples cut by the output limit, and TTFT percentiles.
/// </summary>
public sealed record CellStats(int N, int Errors, int Length, double? Mean, double? Low, double? High, double? TtftP50, double? TtftP95)
{
    public static CellStats Of(IEnumerable<ReportSample> samples)
    {
        var list = samples.ToList();
        var scored = list.Where(s => !s.IsError).ToList();
        var scores = scored.Select(s => s.Score!.Value).ToList();
        var clusters = scored.Select(s => s.Row.Cluster).ToList();
        var ci = Statistics.MeanCi95(scores, clusters.Any(c => c is not null) ? clusters : null);
        var ttft = scored.Where(s => s.Row.TtftMs is not null).Select(s => s.Row.TtftMs!.Value).ToList();
        return new CellStats(scored.Count, list.Count - scored.Count,
            scored.Count(s => string.Equals(s.Row.FinishReason, "length", StringComparison.Ordinal)),
            Finite(ci.Mean), Finite(ci.Low), Finite(ci.High), Statistics.Percentile(ttft, 50), Statistics.Percentile(ttft, 95));
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}

/// <summary>One side's mean score per (row, column) value of two numeric per-sample columns (a <c>HeatmapView</c>).</summary>
public sealed record HeatmapGrid(ReportSide Side, IReadOnlyList<double> Rows, IReadOnlyList<double> Columns, IReadOnlyDictionary<(double Row, double Column), CellStats> Cells);

/// <summary>One line of a <c>LineView</c>: a side and series value, points in x order.</summary>
public sealed record LineSeries(ReportSide Side, string Series, IReadOnlyList<LinePoint> Points);

public sealed record LinePoint(double X, CellStats Stats, string Tooltip);

/// <summary>The aggregations behind the report, computed from <see cref="ReportData"/>.</summary>
public static class ReportTables
{
    public static IEnumerable<ReportSample> Of(ReportData data, ReportSide side, string eval) =>
        data.Samples.Where(s => s.Side == side && string.Equals(s.Eval, eval, StringComparison.Ordinal));

    /// <summary>Per side with samples of the eval: mean score per (row value, column value), both ascending.</summary>
    public static IReadOnlyList<HeatmapGrid> Heatmaps(ReportData data, string eval, string rowColumn, string columnColumn)
    {
        var grids = new List<HeatmapGrid>();
        foreach (var side in data.Sides)
        {
            var cells = Of(data, side, eval).Select(s => (s, Row: s.Number(rowColumn), Column: s.Number(columnColumn)))
                .Where(x => x.Row is not null && x.Column is not null)
                .GroupBy(x => (x.Row!.Value, x.Column!.Value))
                .ToDictionary(g => g.Key, g => CellStats.Of(g.Select(x => x.s)));
            if (cells.Count == 0) continue;
            grids.Add(new HeatmapGrid(side, cells.Keys.Select(k => k.Item1).Distinct().Order().ToList(), cells.Keys.Select(k => k.Item2).Distinct().Order().ToList(), cells));
        }
        return grids;
    }

    /// <summary>Per side (and series value): mean score with its interval per x value, x ascending.</summary>
    public static IReadOnlyList<LineSeries> Lines(ReportData data, string eval, string xColumn, string? seriesColumn)
    {
        var lines = new List<LineSeries>();
        foreach (var side in data.Sides)
        {
            var bySeries = Of(data, side, eval).Select(s => (s, X: s.Number(xColumn)))
                .Where(x => x.X is not null)
                .GroupBy(x => seriesColumn is null ? "" : x.s.Column(seriesColumn), StringComparer.Ordinal)
                .OrderBy(g => g.Key, KeyComparer.Instance);
            foreach (var series in bySeries)
            {
                var points = series.GroupBy(x => x.X!.Value).OrderBy(g => g.Key)
                    .Select(g => new LinePoint(g.Key, CellStats.Of(g.Select(x => x.s)), ""))
                    .Where(p => p.Stats.Mean is not null).ToList();
                if (points.Count > 0) lines.Add(new LineSeries(side, series.Key, points));
            }
        }
        return lines;
    }

    /// <summary>
    /// A group table's cells per side: the runs' summary.csv rows whose group starts with the prefix; a side without
    /// such rows gets them recomputed from its samples' own groups.
    /// </summary>
    public static IReadOnlyList<(ReportSide Side, string Group, CellStats Stats)> Groups(ReportData data, string eval, string prefix)
    {
        var result = new List<(ReportSide, string, CellStats)>();
        foreach (var side in data.Sides)
        {
            var fromSummary = data.Summaries.Where(e => e.Side == side && e.Eval == eval && e.Group.StartsWith(prefix, StringComparison.Ordinal)
                && (prefix.Length > 0 || e.Group != Summary.AllGroup)).ToList();
            if (fromSummary.Count > 0)
            {
                result.AddRange(fromSummary.Select(e => (side, e.Group, new CellStats(e.N, e.Errors, 0, e.Mean, e.Low, e.High, null, null))));
                continue;
            }
            foreach (var g in Of(data, side, eval).Where(s => s.Group.StartsWith(prefix, StringComparison.Ordinal)).GroupBy(s => s.Group, StringComparer.Ordinal))
                result.Add((side, g.Key, CellStats.Of(g)));
        }
        return result;
    }

    /// <summary>The eval-level cell of a side: the run's own summary "all" row when it has one (mean and CI as the run computed them).</summary>
    public static CellStats Overall(ReportData data, ReportSide side, string eval)
    {
        var computed = CellStats.Of(Of(data, side, eval));
        var row = data.Summaries.FirstOrDefault(e => e.Side == side && e.Eval == eval && e.Group == Summary.AllGroup);
        return row is null ? computed : computed with { N = row.N, Errors = row.Errors, Mean = row.Mean, Low = row.Low, High = row.High };
    }

    /// <summary>Orders "n=2" before "n=8" before "n=16", "bin=4096-8192" before "bin=8192-16384": first number, then ordinal.</summary>
    internal sealed class KeyComparer : IComparer<string>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = LeadingNumber(x ?? "");
            var b = LeadingNumber(y ?? "");
            if (a is not null && b is not null && a.Value != b.Value) return a.Value.CompareTo(b.Value);
            if (a is null != (b is null)) return a is null ? 1 : -1;
            return string.CompareOrdinal(x, y);
        }

        private static double? LeadingNumber(string key)
        {
            var start = key.AsSpan().IndexOfAnyInRange('0', '9');
            if (start < 0) return null;
            var end = start;
            while (end < key.Length && (char.IsAsciiDigit(key[end]) || key[end] == '.')) end++;
            return double.TryParse(key.AsSpan(start, end - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
        }
    }
}
