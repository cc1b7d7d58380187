using System.Globalization;
using EvalHarness.Core.Evaluators.Niah;
using ScottPlot;

namespace EvalHarness.Core.Reporting.Charts;

/// <summary>The NIAH heatmap as a ScottPlot image: depth 0 on top, context length ascending, the value in every cell.</summary>
public static class HeatmapChart
{
    public static ChartImage Render(string side, NiahHeatmap heatmap, string fileName)
    {
        var rows = heatmap.Rows.Count;
        var columns = heatmap.ContextLengths.Count;
        var values = new double[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++) values[r, c] = heatmap.Rows[r].MeanScores[c] ?? double.NaN;
        }
        var plot = ReportCharts.NewPlot($"NIAH: {side}", "context length (tokens)", "needle depth (%)");
        var map = plot.Add.Heatmap(values);
        map.Colormap = new ScottPlot.Colormaps.Custom(Enumerable.Range(0, 101).Select(i => ToColor(Html.Html.RampRgb(i / 100.0))).ToArray(), false);
        map.ManualRange = new ScottPlot.Range(0, 1);
        map.NaNCellColor = ToColor(Html.Html.RampRgb(null));
        // Row 0 (depth 0) is drawn on top; cell centres sit on integer coordinates.
        map.Position = new CoordinateRect(0, Math.Max(columns - 1, 0), 0, Math.Max(rows - 1, 0));
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var v = heatmap.Rows[r].MeanScores[c];
                var text = plot.Add.Text(v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "–", c, rows - 1 - r);
                text.LabelFontSize = 13;
                text.LabelBold = true;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = Colors.Black;
            }
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, columns).Select(i => (double)i).ToArray(),
            heatmap.ContextLengths.Select(l => l.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows).Select(r => (double)(rows - 1 - r)).ToArray(),
            heatmap.Rows.Select(r => r.DepthPercent.ToString("0.##", CultureInfo.InvariantCulture)).ToArray());
        plot.Add.ColorBar(map);
        plot.HideGrid();
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
        return ReportCharts.Render(plot, fileName, $"NIAH heatmap: {side}",
            $"NIAH mean score for {side}: {rows} depths (0% on top) by {columns} context lengths, value printed in each cell.");
    }

    private static Color ToColor((byte R, byte G, byte B) c) => new(c.R, c.G, c.B);

    /// <summary>Letters, digits, '-', '_' and '.' kept; anything else becomes '_'.</summary>
    public static string FileSafe(string name) =>
        new(name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_').ToArray());
}
