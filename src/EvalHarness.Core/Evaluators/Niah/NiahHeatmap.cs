using System.Globalization;
using System.Text;

namespace EvalHarness.Core.Evaluators.Niah;

/// <summary>One heatmap row: a target depth and the mean score per context length (null where no scored sample).</summary>
internal sealed record NiahHeatmapRow(double DepthPercent, IReadOnlyList<double?> MeanScores);

/// <summary>The gkamradt-style pivot: rows depth ascending, columns context length ascending, cells mean score.</summary>
internal sealed record NiahHeatmap(IReadOnlyList<int> ContextLengths, IReadOnlyList<NiahHeatmapRow> Rows)
{
    /// <summary>Pivots scored samples (target context length, target depth, score); errored samples are left out by the caller.</summary>
    public static NiahHeatmap Build(IEnumerable<(int ContextTokensTarget, double DepthPercentTarget, double Score)> samples)
    {
        var cells = new SortedDictionary<(double Depth, int Context), (double Sum, int N)>();
        var contexts = new SortedSet<int>();
        var depths = new SortedSet<double>();
        foreach (var (context, depth, score) in samples)
        {
            contexts.Add(context);
            depths.Add(depth);
            cells.TryGetValue((depth, context), out var cell);
            cells[(depth, context)] = (cell.Sum + score, cell.N + 1);
        }
        var contextList = contexts.ToArray();
        var rows = depths.Select(d => new NiahHeatmapRow(d, contextList
                .Select(c => cells.TryGetValue((d, c), out var cell) ? cell.Sum / cell.N : (double?)null)
                .ToArray()))
            .ToArray();
        return new NiahHeatmap(contextList, rows);
    }

    /// <summary>Invariant CSV: header <c>depth_percent,&lt;ctx1&gt;,...</c>, one line per depth, empty cells where no data.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder("depth_percent");
        foreach (var c in ContextLengths) sb.Append(',').Append(c.ToString(CultureInfo.InvariantCulture));
        sb.Append('\n');
        foreach (var row in Rows)
        {
            sb.Append(row.DepthPercent.ToString("R", CultureInfo.InvariantCulture));
            foreach (var v in row.MeanScores) sb.Append(',').Append(v?.ToString("R", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
