using EvalHarness.Core.Reporting.Comparison;
using EvalHarness.Core.Reporting.Html;
using ScottPlot;

namespace EvalHarness.Core.Reporting.Charts;

/// <summary>One rendered chart: the file name it is written under, a text description (alt text) and the PNG bytes.</summary>
public sealed record ChartImage(string FileName, string Title, string Description, byte[] Png);

/// <summary>The report's charts, drawn with ScottPlot into PNG bytes (fixed size, so the same data gives the same image).</summary>
public static class ReportCharts
{
    public const int Width = 900;
    public const int Height = 420;

    /// <summary>Mean score per column key, one line per (side, row key): MRCR by bin per needle count, Graphwalks by split per problem type.</summary>
    public static ChartImage? Grouped(string fileName, string title, string yLabel, IReadOnlyList<GroupTable> tables)
    {
        if (tables.Count == 0) return null;
        var columns = tables.SelectMany(t => t.ColumnKeys).Distinct(StringComparer.Ordinal).Order(ReportTables.KeyComparer.Instance).ToList();
        var plot = NewPlot(title, columns.Count > 0 ? "bin / split" : "", yLabel);
        var series = 0;
        foreach (var table in tables)
        {
            foreach (var row in table.RowKeys)
            {
                var xs = new List<double>();
                var ys = new List<double>();
                for (var i = 0; i < columns.Count; i++)
                {
                    if (table[row, columns[i]]?.Mean is not { } mean) continue;
                    xs.Add(i);
                    ys.Add(mean);
                }
                if (xs.Count == 0) continue;
                var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
                line.LegendText = $"{table.Side} {row}";
                line.MarkerSize = 8;
                line.LineWidth = 2;
                line.MarkerShape = Markers[series % Markers.Length];
                series++;
            }
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, columns.Count).Select(i => (double)i).ToArray(), columns.ToArray());
        plot.Axes.SetLimits(-0.5, Math.Max(columns.Count - 0.5, 0.5), 0, 1.05);
        plot.ShowLegend(Edge.Right);
        return Render(plot, fileName, title, $"{title}: {series} series over {columns.Count} bins, y from 0 to 1.");
    }

    /// <summary>Time to first token against prompt tokens, one marker shape per side.</summary>
    public static ChartImage? Ttft(ReportData data)
    {
        var plot = NewPlot("Time to first token vs prompt tokens", "prompt tokens", "TTFT (ms)");
        var points = 0;
        var k = 0;
        foreach (var side in data.Sides)
        {
            var rows = data.Samples.Where(s => s.Side == side && s.TtftMs is not null && s.PromptTokens is not null).ToList();
            if (rows.Count == 0) continue;
            var scatter = plot.Add.ScatterPoints(rows.Select(r => (double)r.PromptTokens!.Value).ToArray(), rows.Select(r => r.TtftMs!.Value).ToArray());
            scatter.LegendText = side;
            scatter.MarkerSize = 6;
            scatter.MarkerShape = Markers[k++ % Markers.Length];
            points += rows.Count;
        }
        if (points == 0) return null;
        plot.Axes.Bottom.Min = 0;
        plot.ShowLegend(Edge.Right);
        return Render(plot, "chart_ttft.png", "TTFT vs prompt tokens", $"Time to first token (ms) against prompt tokens: {points} samples from {k} sides.");
    }

    /// <summary>
    /// Per eval with priced sides (chart_frontier_&lt;eval&gt;.png): cost against mean score, one labelled marker per side,
    /// the Pareto frontier joined by a line; empty when nothing is priced.
    /// </summary>
    public static IReadOnlyList<ChartImage> Frontier(IReadOnlyList<FrontierRow> rows)
    {
        var charts = new List<ChartImage>();
        foreach (var byEval in rows.Where(r => r.CostUsd is not null && r.Score is not null).GroupBy(r => r.Eval, StringComparer.Ordinal))
        {
            var list = byEval.OrderBy(r => r.CostUsd!.Value).ThenByDescending(r => r.Score!.Value).ToList();
            var plot = NewPlot($"{byEval.Key}: cost vs score", "cost (USD)", "mean score");
            var pareto = list.Where(r => r.ParetoOptimal).ToList();
            if (pareto.Count > 1)
            {
                var line = plot.Add.Scatter(pareto.Select(r => r.CostUsd!.Value).ToArray(), pareto.Select(r => r.Score!.Value).ToArray());
                line.LegendText = "Pareto frontier";
                line.MarkerSize = 0;
                line.LineWidth = 2;
                line.LinePattern = LinePattern.Dashed;
            }
            var k = 0;
            foreach (var r in list)
            {
                var point = plot.Add.ScatterPoints(new[] { r.CostUsd!.Value }, new[] { r.Score!.Value });
                point.LegendText = r.Side + (r.ParetoOptimal ? " (Pareto)" : "");
                point.MarkerSize = 10;
                point.MarkerShape = Markers[k++ % Markers.Length];
            }
            plot.Axes.SetLimitsX(0, list.Max(r => r.CostUsd!.Value) * 1.1 + 1e-9);
            plot.Axes.SetLimitsY(0, 1.05);
            plot.ShowLegend(Edge.Right);
            charts.Add(Render(plot, $"chart_frontier_{HeatmapChart.FileSafe(byEval.Key)}.png", $"{byEval.Key}: cost vs score",
                $"{byEval.Key}: cost (USD) against mean score for {list.Count} priced models; the Pareto frontier is dashed."));
        }
        return charts;
    }

    private static readonly MarkerShape[] Markers =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.Cross, MarkerShape.Eks];

    /// <summary>
    /// A sans-serif family installed here (ScottPlot's own detection can settle on DejaVu Serif on Debian), else
    /// ScottPlot's choice.
    /// </summary>
    private static readonly Lazy<string> SansFont = new(() =>
    {
        var installed = SkiaSharp.SKFontManager.Default.GetFontFamilies().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans" }.FirstOrDefault(installed.Contains) ?? Fonts.Sans;
    });

    internal static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(SansFont.Value);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    internal static ChartImage Render(Plot plot, string fileName, string title, string description) =>
        new(fileName, title, description, plot.GetImageBytes(Width, Height, ImageFormat.Png));
}
