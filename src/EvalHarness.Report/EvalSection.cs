using System.Globalization;
using System.Text;
using EvalHarness.Core.Evaluators;
using static EvalHarness.Report.Html;

namespace EvalHarness.Report;

/// <summary>
/// One eval's section, drawn from its <see cref="ReportSectionSpec"/> (or <see cref="ReportSpecs.Default"/>): every
/// view rendered generically, the score over runs when a model is in several runs (x = the run's start time), then the
/// per-sample drill-down.
/// </summary>
internal sealed class EvalSection(StringBuilder sb, ReportData data)
{
    public void Write(string eval)
    {
        var spec = ReportSpecs.For(eval) ?? ReportSpecs.Default(eval);
        sb.Append("<section class=\"eval-section\" id=\"eval-").Append(E(Slug(eval))).Append("\" data-eval=\"").Append(E(eval)).Append("\">\n<h2>").Append(E(spec.Title)).Append("</h2>\n");
        if (spec.Description.Length > 0) sb.Append("<p class=\"muted\">").Append(E(spec.Description)).Append("</p>\n");
        foreach (var view in spec.Views)
        {
            sb.Append("<h3>").Append(E(view.Title)).Append("</h3>\n");
            switch (view)
            {
                case HeatmapView h: Heatmap(eval, h); break;
                case LineView l: Line(eval, l); break;
                case GroupTableView g: GroupTable(eval, g); break;
                default: sb.Append("<p class=\"note\">This report cannot draw a view of kind ").Append(E(view.GetType().Name)).Append(".</p>\n"); break;
            }
        }
        OverRuns(eval);
        new DrillDown(sb, data).Write(eval);
        sb.Append("</section>\n");
    }

    internal static string Slug(string eval) => new(eval.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_').ToArray());

    private void Heatmap(string eval, HeatmapView view)
    {
        var grids = ReportTables.Heatmaps(data, eval, view.RowColumn, view.ColumnColumn);
        if (grids.Count == 0)
        {
            sb.Append("<p class=\"note\">No scored samples with both ").Append(E(view.RowColumn)).Append(" and ").Append(E(view.ColumnColumn)).Append(".</p>\n");
            return;
        }
        RampLegend(sb);
        sb.Append("<div class=\"flex\">\n");
        foreach (var g in grids)
        {
            sb.Append("<table class=\"heatmap\" data-model=\"").Append(E(g.Side.Model)).Append("\" data-side=\"").Append(E(g.Side.Label)).Append("\">\n<caption>");
            Swatch(g.Side.Model);
            sb.Append(E(g.Side.Label)).Append("</caption>\n<thead><tr><th class=\"rowkey\">").Append(E(view.RowLabel)).Append(" \\ ").Append(E(view.ColumnLabel)).Append("</th>");
            foreach (var c in g.Columns) sb.Append("<th scope=\"col\">").Append(E(Num(c))).Append("</th>");
            sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var r in g.Rows)
            {
                sb.Append("<tr><th scope=\"row\">").Append(E(Num(r))).Append("</th>");
                foreach (var c in g.Columns)
                {
                    var cell = g.Cells.GetValueOrDefault((r, c));
                    sb.Append("<td class=\"heatmap-cell\" style=\"background:").Append(Ramp(cell?.Mean)).Append("\" title=\"").Append(E(Tip(cell))).Append("\">")
                        .Append(Score(cell?.Mean)).Append("</td>");
                }
                sb.Append("</tr>\n");
            }
            sb.Append("</tbody>\n</table>\n");
        }
        sb.Append("</div>\n");
    }

    private void Line(string eval, LineView view)
    {
        var lines = ReportTables.Lines(data, eval, view.XColumn, view.SeriesColumn);
        if (lines.Count == 0)
        {
            sb.Append("<p class=\"note\">No scored samples with a numeric ").Append(E(view.XColumn)).Append(".</p>\n");
            return;
        }
        var seriesValues = lines.Select(l => l.Series).Distinct(StringComparer.Ordinal).ToList();
        var series = lines.Select(l =>
        {
            var label = l.Side.Label + (l.Series.Length > 0 ? $" · {l.Series}" : "");
            var points = l.Points.Select(p => new SvgPoint(p.X, p.Stats.Mean!.Value, p.Stats.Low, p.Stats.High,
                $"{l.Side.Label}" + (l.Series.Length > 0 ? $", {view.SeriesColumn}={l.Series}" : "") + $", {view.XColumn}={Num(p.X)}: {Tip(p.Stats)}")).ToList();
            return new SvgSeries(l.Side.Model, label, seriesValues.IndexOf(l.Series), points);
        }).ToList();
        var title = view.SeriesColumn is null ? view.Title : $"{view.Title} (lines: model · {view.SeriesColumn})";
        SvgChart.Draw(sb, "line-chart", title, view.XLabel, view.YLabel, series, data.Colors, view.LogX ? XScale.Log : XScale.Linear, 0, 1);
    }

    private void GroupTable(string eval, GroupTableView view)
    {
        var cells = ReportTables.Groups(data, eval, view.GroupPrefix);
        if (cells.Count == 0)
        {
            sb.Append("<p class=\"note\">No groups").Append(view.GroupPrefix.Length > 0 ? " starting with " + E(view.GroupPrefix) : "").Append(" in the inputs.</p>\n");
            return;
        }
        (string Row, string Pivot) Split(string group)
        {
            var rest = group[view.GroupPrefix.Length..];
            if (view.PivotKey is not { } key) return (rest, "");
            var parts = rest.Split(';');
            var pivot = parts.FirstOrDefault(p => p.StartsWith(key + "=", StringComparison.Ordinal));
            return (string.Join(';', parts.Where(p => !ReferenceEquals(p, pivot))), pivot is null ? "" : pivot[(key.Length + 1)..]);
        }
        var keyed = cells.Select(c => (c.Side, Key: Split(c.Group), c.Stats)).ToList();
        var rows = keyed.Select(c => c.Key.Row).Distinct(StringComparer.Ordinal).Order(ReportTables.KeyComparer.Instance).ToList();
        var pivots = keyed.Select(c => c.Key.Pivot).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var sides = data.Sides.Where(s => keyed.Any(c => c.Side == s)).ToList();
        var lookup = keyed.GroupBy(c => (c.Side, c.Key)).ToDictionary(g => g.Key, g => g.First().Stats);
        sb.Append("<table class=\"group-table\" data-eval=\"").Append(E(eval)).Append("\">\n<thead><tr><th class=\"rowkey\"")
            .Append(view.PivotKey is null ? "" : " rowspan=\"2\"").Append('>').Append(E(view.GroupPrefix.Length > 0 ? view.GroupPrefix.TrimEnd('=') : "group")).Append("</th>");
        foreach (var side in sides)
        {
            sb.Append("<th scope=\"col\" data-model=\"").Append(E(side.Model)).Append('"').Append(pivots.Count > 1 || view.PivotKey is not null ? $" colspan=\"{pivots.Count}\"" : "").Append('>');
            Swatch(side.Model);
            sb.Append(E(side.Label)).Append("</th>");
        }
        sb.Append("</tr>");
        if (view.PivotKey is not null)
        {
            sb.Append("<tr>");
            foreach (var _ in sides)
            {
                foreach (var p in pivots) sb.Append("<th scope=\"col\">").Append(E(p.Length == 0 ? "–" : p)).Append("</th>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</thead>\n<tbody>\n");
        foreach (var r in rows)
        {
            sb.Append("<tr><th scope=\"row\" class=\"rowkey\">").Append(E(r.Length == 0 ? "(all)" : r)).Append("</th>");
            foreach (var side in sides)
            {
                foreach (var p in pivots)
                {
                    var stats = lookup.GetValueOrDefault((side, (r, p)));
                    sb.Append("<td class=\"score-cell\" style=\"background:").Append(Ramp(stats?.Mean)).Append("\" title=\"").Append(E(Tip(stats))).Append("\">")
                        .Append(Score(stats?.Mean)).Append(stats is { Low: { } lo, High: { } hi } ? $" <span class=\"ci\">[{Score(lo)}–{Score(hi)}]</span>" : "").Append("</td>");
                }
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }

    /// <summary>The eval's mean per run of each model that is in several runs, on a time axis (the run's start).</summary>
    private void OverRuns(string eval)
    {
        var byModel = data.Sides.Where(s => s.StartedUtc is not null && ReportTables.Of(data, s, eval).Any())
            .GroupBy(s => s.Model, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        if (byModel.Count == 0) return;
        var series = byModel.Select(g => new SvgSeries(g.Key, g.Key, 0, g.OrderBy(s => s.StartedUtc).Select(side =>
        {
            var stats = ReportTables.Overall(data, side, eval);
            return stats.Mean is { } m
                ? new SvgPoint(side.StartedUtc!.Value.ToUnixTimeMilliseconds() / 1000.0, m, stats.Low, stats.High,
                    $"{side.Label} ({side.StartedUtc.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC): {Tip(stats)}")
                : null;
        }).OfType<SvgPoint>().ToList())).Where(s => s.Points.Count > 0).ToList();
        if (series.Count == 0) return;
        sb.Append("<h3>Score over runs</h3>\n");
        SvgChart.Draw(sb, "runs-chart", $"{eval}: mean score per run", "run start (UTC)", "mean score", series, data.Colors, XScale.Time, 0, 1);
    }

    private void Swatch(string model) => sb.Append("<span class=\"model-swatch\" style=\"background:").Append(data.Colors.Of(model)).Append("\"></span>");

    internal static string Tip(CellStats? s) => s is null
        ? "no samples"
        : $"mean {Score(s.Mean)}" + (s is { Low: { } lo, High: { } hi } ? $" (95% CI {Score(lo)}–{Score(hi)})" : "") + $", n {s.N}, errors {s.Errors}"
            + (s.Length > 0 ? $", length {s.Length}" : "");

    private static string Num(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
