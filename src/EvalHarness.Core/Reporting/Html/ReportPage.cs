using System.Text;
using EvalHarness.Core.Reporting.Charts;
using static EvalHarness.Core.Reporting.Html.Html;

namespace EvalHarness.Core.Reporting.Html;

/// <summary>Writes the report's sections into one HTML document.</summary>
internal sealed class ReportPage(StringBuilder sb, RunReport report, IReadOnlyDictionary<string, ChartImage> charts)
{
    public void Write()
    {
        var title = report.Options.Title;
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        // Self-contained by construction: the browser may load nothing but the inline style and data: images.
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(RunReport.ContentSecurityPolicy).Append("\">\n");
        sb.Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E(title)).Append("</h1>\n");
        sb.Append("<p class=\"muted\">Scores are means over scored samples (errored samples are counted apart, never as 0). Published values are shown as “pub”.</p>\n");
        GateVerdicts();
        Inputs();
        Overview();
        Niah();
        GroupSection("mrcr", "OpenAI-MRCR: mean score by bin and needle count", "needles", report.Mrcr, "chart_mrcr.png");
        GroupSection("graphwalks", "Graphwalks: mean F1 by problem type and split", "problem type", report.Graphwalks, "chart_graphwalks.png");
        Ttft();
        Frontier();
        sb.Append("</body>\n</html>\n");
    }

    /// <summary>The verdict block of each gated input first: what woke somebody up is the first thing on the page.</summary>
    private void GateVerdicts()
    {
        foreach (var r in report.Data.Sources)
        {
            if (r.Gate is not { } gate) continue;
            var verdict = gate.Verdict.Length == 0 ? "?" : gate.Verdict;
            sb.Append("<div class=\"gate ").Append(E(verdict.ToLowerInvariant())).Append("\">\n<p><strong>GATE: ").Append(E(verdict)).Append("</strong> ")
                .Append(E(r.RunId ?? r.Source));
            if (gate.BaselineRunIds.Count > 0) sb.Append(" vs ").Append(E(string.Join(", ", gate.BaselineRunIds)));
            var counts = gate.Cells.GroupBy(c => c.Verdict, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
            sb.Append(" <span class=\"muted\">(").Append(E(string.Join(", ", counts))).Append(" of ").Append(Int(gate.Cells.Count)).Append(" cells; gate/gate.md has the details)</span></p>\n");
            foreach (var guard in gate.Guards) sb.Append("<p>guard: ").Append(E(guard)).Append("</p>\n");
            foreach (var c in gate.Cells.Where(c => c.Verdict is "FAIL" or "WARN"))
            {
                sb.Append("<p>").Append(E(c.Verdict)).Append(' ').Append(E($"{c.Model} / {c.Eval}" + (c.Group == Summary.AllGroup ? "" : " / " + c.Group)))
                    .Append(": ").Append(E(Signed(c.Diff))).Append(" (CI ").Append(E(Signed(c.CiLow))).Append(" to ").Append(E(Signed(c.CiHigh))).Append(")</p>\n");
            }
            sb.Append("</div>\n");
        }
    }

    private static string Signed(double? v) => v is { } x ? x.ToString("+0.000;-0.000;0.000", System.Globalization.CultureInfo.InvariantCulture) : "–";

    private void Inputs()
    {
        sb.Append("<table class=\"inputs nowrap\">\n<caption>Inputs</caption>\n<thead><tr><th class=\"rowkey\">samples</th><th class=\"rowkey\">run id</th>")
            .Append("<th class=\"rowkey\">started (UTC)</th><th class=\"rowkey\">finished (UTC)</th><th class=\"rowkey\">status</th>")
            .Append("<th class=\"rowkey\">suite</th><th>seed</th><th class=\"rowkey\">harness</th></tr></thead>\n<tbody>\n");
        foreach (var r in report.Data.Sources)
        {
            var harness = r.HarnessVersion is null ? "" : r.HarnessVersion + (r.GitCommit is { Length: > 0 } c ? " (" + c[..Math.Min(12, c.Length)] + ")" : "");
            sb.Append("<tr><td class=\"text path\"><code>").Append(E(r.Source)).Append("</code></td>");
            foreach (var v in new[] { r.RunId, Time(r.StartedUtc), Time(r.FinishedUtc), r.Status, r.Suite })
                sb.Append("<td class=\"text\">").Append(E(v ?? "–")).Append("</td>");
            sb.Append("<td>").Append(E(r.Seed ?? "–")).Append("</td><td class=\"text\">").Append(E(harness.Length == 0 ? "–" : harness)).Append("</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }

    private void Overview()
    {
        var rows = ReportTables.Overview(report.Data, report.Options.Published);
        sb.Append("<section id=\"overview\">\n<h2>Overview</h2>\n<table>\n<caption>Mean score per model and eval</caption>\n");
        sb.Append("<thead><tr><th class=\"rowkey\">model</th><th class=\"rowkey\">eval</th><th>mean</th><th>n scored</th><th>errors</th><th title=\"scored samples cut by the output limit (finish_reason=length)\">truncated (length)</th><th class=\"rowkey\">published</th></tr></thead>\n<tbody>\n");
        foreach (var (side, eval, c) in rows)
        {
            sb.Append("<tr><th class=\"rowkey\">").Append(E(side)).Append("</th><td class=\"text\">").Append(E(eval)).Append("</td><td>")
                .Append(Score(c.Mean)).Append("</td><td>").Append(Int(c.N)).Append("</td><td>").Append(Int(c.Errors)).Append("</td><td>").Append(Int(c.Length)).Append("</td><td class=\"text\">");
            if (c.Published is { } p) sb.Append(Percent(p.ValuePercent)).Append(" <span class=\"muted\">(").Append(E($"{p.Source}, {p.Date}")).Append(")</span>");
            else sb.Append('–');
            sb.Append("</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n</section>\n");
    }

    private void Niah()
    {
        sb.Append("<section id=\"niah\">\n<h2>NIAH: score by needle depth and context length</h2>\n");
        if (report.Heatmaps.Count == 0)
        {
            sb.Append("<p class=\"note\">No scored NIAH samples in the inputs.</p>\n</section>\n");
            return;
        }
        sb.Append("<p class=\"muted\">Rows: target needle depth (0% = start of the context, on top). Columns: target context length in tokens, ascending. Each cell: mean score. The report verb also writes each as <code>chart_niah_&lt;model&gt;.png</code>.</p>\n");
        RampLegend(sb);
        sb.Append("<div class=\"flex\">\n");
        foreach (var (side, heatmap) in report.Heatmaps)
        {
            sb.Append("<table class=\"heatmap\" data-model=\"").Append(E(side)).Append("\">\n<caption>").Append(E(side)).Append("</caption>\n");
            sb.Append("<thead><tr><th class=\"rowkey\">depth % \\ context tokens</th>");
            foreach (var c in heatmap.ContextLengths) sb.Append("<th scope=\"col\">").Append(Int(c)).Append("</th>");
            sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in heatmap.Rows)
            {
                sb.Append("<tr><th scope=\"row\">").Append(Depth(row.DepthPercent)).Append("</th>");
                foreach (var v in row.MeanScores)
                    sb.Append("<td class=\"heatmap-cell\" style=\"background:").Append(Ramp(v)).Append("\">").Append(Score(v)).Append("</td>");
                sb.Append("</tr>\n");
            }
            sb.Append("</tbody>\n</table>\n");
        }
        sb.Append("</div>\n</section>\n");
    }

    private void GroupSection(string id, string heading, string rowName, IReadOnlyList<GroupTable> tables, string chart)
    {
        sb.Append("<section id=\"").Append(id).Append("\">\n<h2>").Append(E(heading)).Append("</h2>\n");
        if (tables.Count == 0)
        {
            sb.Append("<p class=\"note\">No ").Append(E(id)).Append(" samples in the inputs.</p>\n</section>\n");
            return;
        }
        RampLegend(sb);
        sb.Append("<div class=\"flex\">\n");
        foreach (var t in tables)
        {
            sb.Append("<table class=\"scores\" data-model=\"").Append(E(t.Side)).Append("\">\n<caption>").Append(E(t.Side)).Append("</caption>\n");
            sb.Append("<thead><tr><th class=\"rowkey\">").Append(E(rowName)).Append("</th>");
            foreach (var c in t.ColumnKeys) sb.Append("<th scope=\"col\">").Append(E(c)).Append("</th>");
            sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var r in t.RowKeys)
            {
                sb.Append("<tr><th scope=\"row\" class=\"rowkey\">").Append(E(r)).Append("</th>");
                foreach (var c in t.ColumnKeys)
                {
                    var cell = t[r, c];
                    sb.Append("<td class=\"score-cell\" style=\"background:").Append(Ramp(cell?.Mean)).Append("\" title=\"")
                        .Append(E(cell is null ? "no samples" : $"{cell.Group}: n={cell.N}, errors={cell.Errors}" + (cell.Length > 0 ? $", length={cell.Length}" : ""))).Append("\">").Append(Score(cell?.Mean));
                    if (cell?.Published is { } p)
                        sb.Append("<span class=\"pub\" title=\"").Append(E($"{p.Source}, {p.Date}")).Append("\">pub ").Append(E(p.Model)).Append(' ').Append(Percent(p.ValuePercent)).Append("</span>");
                    sb.Append("</td>");
                }
                sb.Append("</tr>\n");
            }
            sb.Append("</tbody>\n</table>\n");
        }
        sb.Append("</div>\n");
        Figure(chart);
        sb.Append("</section>\n");
    }

    private void Ttft()
    {
        sb.Append("<section id=\"ttft\">\n<h2>Latency: time to first token vs prompt tokens</h2>\n");
        if (!charts.ContainsKey("chart_ttft.png")) sb.Append("<p class=\"note\">No samples with both TTFT and prompt tokens.</p>\n");
        Figure("chart_ttft.png");
        sb.Append("</section>\n");
    }

    private void Frontier()
    {
        sb.Append("<section id=\"frontier\">\n<h2>Cost and score frontier</h2>\n");
        var rows = report.Frontier;
        if (rows.All(r => r.CostUsd is null))
        {
            sb.Append("<p class=\"note\">No prices are known for these models, so no cost frontier can be drawn. Add prices under ")
                .Append("<code>Prices:&lt;model&gt;:Input</code> and <code>:Output</code> (USD per 1M tokens) in evalsettings.json.</p>\n");
        }
        sb.Append("<table>\n<caption>Per eval, sorted by cost; “pareto” = no other side is both cheaper and better</caption>\n");
        sb.Append("<thead><tr><th class=\"rowkey\">eval</th><th class=\"rowkey\">model</th><th>mean score</th><th>cost</th><th>TTFT p95 ms</th><th class=\"rowkey\">frontier</th></tr></thead>\n<tbody>\n");
        foreach (var r in rows)
        {
            var mark = (r.ParetoOptimal ? "pareto" : "") + (r.CheapestWithin ? (r.ParetoOptimal ? ", " : "") + "cheapest near best" : "");
            sb.Append("<tr><td class=\"text\">").Append(E(r.Eval)).Append("</td><th class=\"rowkey\">").Append(E(r.Side)).Append("</th><td>")
                .Append(Score(r.Score)).Append("</td><td>").Append(Usd(r.CostUsd)).Append("</td><td>").Append(Ms(r.TtftP95))
                .Append("</td><td class=\"text\">").Append(mark).Append("</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
        foreach (var name in charts.Keys.Where(k => k.StartsWith("chart_frontier_", StringComparison.Ordinal)).Order(StringComparer.Ordinal)) Figure(name);
        sb.Append("</section>\n");
    }

    private void Figure(string fileName)
    {
        if (!charts.TryGetValue(fileName, out var chart)) return;
        sb.Append("<figure>\n<img class=\"chart\" width=\"").Append(Int(ReportCharts.Width)).Append("\" height=\"").Append(Int(ReportCharts.Height))
            .Append("\" alt=\"").Append(E(chart.Description)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(chart.Png))
            .Append("\">\n<figcaption>").Append(E(chart.Title)).Append(" (also written as <code>").Append(E(chart.FileName)).Append("</code>)</figcaption>\n</figure>\n");
    }

    /// <summary>"2026-01-01T10:20:30.1234567+00:00" as "2026-01-01 10:20:30" (UTC); anything unparsable as written.</summary>
    private static string? Time(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
            : text;

    private static string Depth(double d) => d.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
