using System.Globalization;
using EvalHarness.Core.Evaluators.Niah;

namespace EvalHarness.Core.Reporting.Html;

/// <summary>One cell of a two-way table: mean score over the scored samples, their count, errors and the published value.</summary>
public sealed record GroupCell(string Group, double? Mean, int N, int Errors, PublishedValue? Published)
{
    /// <summary>Scored samples cut by the output limit (<c>finish_reason=length</c> in samples.csv).</summary>
    public int Length { get; init; }
}

/// <summary>
/// One side's scores for one eval as rows x columns, from groups shaped <c>row;column</c> (MRCR <c>n=2;bin=4096-8192</c>,
/// Graphwalks <c>bfs;bin=2000</c> or <c>bfs;split=&lt;128k</c>). Keys sort by their first number, then ordinally.
/// </summary>
public sealed record GroupTable(string Eval, string Side, IReadOnlyList<string> RowKeys, IReadOnlyList<string> ColumnKeys, IReadOnlyDictionary<(string Row, string Column), GroupCell> Cells)
{
    public GroupCell? this[string row, string column] => Cells.TryGetValue((row, column), out var c) ? c : null;
}

/// <summary>The aggregations behind the report, computed once from <see cref="ReportData"/>.</summary>
public static class ReportTables
{
    /// <summary>Per side with NIAH samples: the depth x context length pivot of mean scores (depth 0 first).</summary>
    public static IReadOnlyList<(string Side, NiahHeatmap Heatmap)> NiahHeatmaps(ReportData data)
    {
        var result = new List<(string, NiahHeatmap)>();
        foreach (var side in data.Sides)
        {
            var niah = data.Samples.Where(s => s.Side == side && s.Eval == "niah").ToList();
            if (niah.Count == 0) continue;
            var points = new List<(int, double, double)>();
            foreach (var s in niah)
            {
                if (s.Score is not { } score) continue;
                var context = First(s, "context_tokens_target", "context_tokens");
                var depth = First(s, "depth_percent_target", "depth_percent");
                if (context is null || depth is null) continue;
                points.Add(((int)Math.Round(context.Value), depth.Value, score));
            }
            if (points.Count > 0) result.Add((side, NiahHeatmap.Build(points)));
        }
        return result;
    }

    /// <summary>Per side: the eval's <c>row;column</c> groups as a table (groups without ';' go in a single column "all").</summary>
    public static IReadOnlyList<GroupTable> Grouped(ReportData data, string eval, PublishedResults published)
    {
        var tables = new List<GroupTable>();
        foreach (var side in data.Sides)
        {
            var rows = data.Samples.Where(s => s.Side == side && string.Equals(s.Eval, eval, StringComparison.OrdinalIgnoreCase)).ToList();
            if (rows.Count == 0) continue;
            var model = rows[0].Model;
            var cells = new Dictionary<(string, string), GroupCell>();
            foreach (var byGroup in rows.GroupBy(r => r.Group, StringComparer.Ordinal))
            {
                var (row, column) = Split(byGroup.Key);
                var scored = byGroup.Where(r => r.Score is not null).Select(r => r.Score!.Value).ToList();
                cells[(row, column)] = new GroupCell(byGroup.Key, scored.Count == 0 ? null : scored.Average(), scored.Count,
                    byGroup.Count(r => r.IsError), published.Find(eval, byGroup.Key, model) ?? data.SummaryPublished.Find(eval, byGroup.Key, model))
                {
                    Length = CountLength(byGroup),
                };
            }
            var rowKeys = cells.Keys.Select(k => k.Item1).Distinct(StringComparer.Ordinal).Order(KeyComparer.Instance).ToList();
            var columnKeys = cells.Keys.Select(k => k.Item2).Distinct(StringComparer.Ordinal).Order(KeyComparer.Instance).ToList();
            tables.Add(new GroupTable(eval, side, rowKeys, columnKeys, cells));
        }
        return tables;
    }

    /// <summary>Per side and eval: mean score, scored count, errors and the published eval-level (group "all") value.</summary>
    public static IReadOnlyList<(string Side, string Eval, GroupCell Cell)> Overview(ReportData data, PublishedResults published) =>
        data.Samples.GroupBy(s => (s.Side, s.Eval))
            .Select(g =>
            {
                var scored = g.Where(s => s.Score is not null).Select(s => s.Score!.Value).ToList();
                var model = g.First().Model;
                return (g.Key.Side, g.Key.Eval, new GroupCell(Summary.AllGroup, scored.Count == 0 ? null : scored.Average(), scored.Count, g.Count(s => s.IsError),
                    published.Find(g.Key.Eval, Summary.AllGroup, model) ?? data.SummaryPublished.Find(g.Key.Eval, Summary.AllGroup, model))
                {
                    Length = CountLength(g),
                });
            })
            .ToList();

    private static int CountLength(IEnumerable<ReportSample> samples) =>
        samples.Count(s => !s.IsError && string.Equals(s.Column("finish_reason"), "length", StringComparison.Ordinal));

    private static (string Row, string Column) Split(string group)
    {
        var i = group.IndexOf(';', StringComparison.Ordinal);
        return i < 0 ? (group, Summary.AllGroup) : (group[..i], group[(i + 1)..]);
    }

    private static double? First(ReportSample s, params string[] columns)
    {
        foreach (var c in columns)
        {
            if (double.TryParse(s.Column(c), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        }
        return null;
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
