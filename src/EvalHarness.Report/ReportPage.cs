using System.Globalization;
using System.Text;
using EvalHarness.Core.Reporting;
using static EvalHarness.Report.Html;

namespace EvalHarness.Report;

/// <summary>Writes the report's sections into one HTML document.</summary>
internal sealed class ReportPage(StringBuilder sb, RunReport report)
{
    private ReportData Data => report.Data;

    public void Write()
    {
        var title = report.Options.Title;
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        // Self-contained by construction: the browser may load nothing but the inline style (charts are inline SVG).
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(RunReport.ContentSecurityPolicy).Append("\">\n");
        sb.Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E(title)).Append("</h1>\n");
        GateVerdicts();
        sb.Append("<p class=\"muted\">Scores are means over scored samples with their 95% interval (errored samples are counted apart, never as 0). ")
            .Append("Each model has one colour in every chart and legend. Published values are shown as “pub”.</p>\n");
        Inputs();
        Overview();
        var section = new EvalSection(sb, Data);
        foreach (var eval in Data.Evals) section.Write(eval);
        Ttft();
        Frontier();
        sb.Append("</body>\n</html>\n");
    }

    /// <summary>The verdict block of each gated input first: what woke somebody up is the first thing on the page.</summary>
    private void GateVerdicts()
    {
        foreach (var r in Data.Sources)
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

    private static string Signed(double? v) => v is { } x ? x.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "–";

    private void Inputs()
    {
        sb.Append("<table class=\"inputs nowrap\">\n<caption>Inputs</caption>\n<thead><tr><th class=\"rowkey\">samples</th><th class=\"rowkey\">run id</th>")
            .Append("<th class=\"rowkey\">started (UTC)</th><th class=\"rowkey\">finished (UTC)</th><th class=\"rowkey\">status</th>")
            .Append("<th class=\"rowkey\">suite</th><th>seed</th><th class=\"rowkey\">harness</th></tr></thead>\n<tbody>\n");
        foreach (var r in Data.Sources)
        {
            var harness = r.HarnessVersion is null ? "" : r.HarnessVersion + (r.GitCommit is { Length: > 0 } c ? " (" + c[..Math.Min(12, c.Length)] + ")" : "");
            sb.Append("<tr><td class=\"text path\"><code>").Append(E(r.Source)).Append("</code></td>");
            foreach (var v in new[] { r.RunId, Time(r.StartedUtc), Time(r.FinishedUtc), r.Status, r.Suite })
                sb.Append("<td class=\"text\">").Append(E(v ?? "–")).Append("</td>");
            sb.Append("<td>").Append(E(r.Seed ?? "–")).Append("</td><td class=\"text\">").Append(E(harness.Length == 0 ? "–" : harness)).Append("</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }

    /// <summary>Model x eval: mean with its 95% CI, counts, TTFT p50/p95, cost and the published value.</summary>
    private void Overview()
    {
        sb.Append("<section id=\"overview\">\n<h2>Overview</h2>\n<table class=\"pivot\">\n<caption>Mean score [95% CI] per model and eval</caption>\n<thead><tr><th class=\"rowkey\">model</th>");
        foreach (var eval in Data.Evals) sb.Append("<th scope=\"col\" class=\"rowkey\">").Append(E(eval)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var side in Data.Sides)
        {
            sb.Append("<tr data-model=\"").Append(E(side.Model)).Append("\"><th scope=\"row\" class=\"rowkey\"><span class=\"model-swatch\" style=\"background:")
                .Append(Data.Colors.Of(side.Model)).Append("\"></span>").Append(E(side.Label)).Append("</th>");
            foreach (var eval in Data.Evals)
            {
                if (!ReportTables.Of(Data, side, eval).Any())
                {
                    sb.Append("<td class=\"muted\">–</td>");
                    continue;
                }
                var s = ReportTables.Overall(Data, side, eval);
                sb.Append("<td class=\"overview-cell\" data-eval=\"").Append(E(eval)).Append("\" style=\"border-left:6px solid ").Append(Ramp(s.Mean)).Append("\"><span class=\"mean\">")
                    .Append(Score(s.Mean)).Append("</span>");
                if (s is { Low: { } lo, High: { } hi }) sb.Append(" <span class=\"ci\">[").Append(Score(lo)).Append("–").Append(Score(hi)).Append("]</span>");
                sb.Append("<span class=\"detail\">n ").Append(Int(s.N)).Append(" · errors ").Append(Int(s.Errors));
                if (s.Length > 0) sb.Append(" · <span title=\"scored samples cut by the output limit (finish_reason=length)\">length ").Append(Int(s.Length)).Append("</span>");
                sb.Append("</span><span class=\"detail\">TTFT p50/p95 ").Append(Ms(s.TtftP50)).Append(" / ").Append(Ms(s.TtftP95)).Append(" ms</span>");
                var cost = report.Frontier.FirstOrDefault(f => f.Side == side.Label && f.Eval == eval)?.CostUsd;
                sb.Append("<span class=\"detail\">cost ").Append(Usd(cost)).Append("</span>");
                var pub = report.Options.Published.Find(eval, Summary.AllGroup, side.Model) ?? Data.SummaryPublished.Find(eval, Summary.AllGroup, side.Model);
                sb.Append("<span class=\"detail\">published ");
                if (pub is not null) sb.Append(Percent(pub.ValuePercent)).Append(" <span class=\"muted\">(").Append(E($"{pub.Source}, {pub.Date}")).Append(")</span>");
                else sb.Append('–');
                sb.Append("</span></td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n</section>\n");
    }

    private void Ttft()
    {
        sb.Append("<section id=\"ttft\">\n<h2>Latency: time to first token vs prompt tokens</h2>\n");
        var series = new List<SvgSeries>();
        foreach (var side in Data.Sides)
        {
            var points = Data.Samples.Where(s => s.Side == side && s.Row.TtftMs is not null && s.Row.PromptTokens is not null)
                .Select(s => new SvgPoint(s.Row.PromptTokens!.Value, s.Row.TtftMs!.Value, null, null, $"{side.Label} {s.Row.SampleId}: {Ms(s.Row.TtftMs)} ms at {s.Row.PromptTokens} prompt tokens"))
                .OrderBy(p => p.X).ThenBy(p => p.Y).ToList();
            var style = Data.Sides.Where(o => o.Model == side.Model).ToList().IndexOf(side);
            if (points.Count > 0) series.Add(new SvgSeries(side.Model, side.Label, style, points));
        }
        if (series.Count == 0) sb.Append("<p class=\"note\">No samples with both TTFT and prompt tokens.</p>\n");
        else
        {
            var max = series.SelectMany(s => s.Points).Max(p => p.Y);
            SvgChart.Draw(sb, "ttft-chart", "Time to first token vs prompt tokens", "prompt tokens", "TTFT (ms)", series, Data.Colors, XScale.Linear, 0, SvgChart.Nice(max), connect: false);
        }
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
        foreach (var byEval in rows.Where(r => r.CostUsd is not null && r.Score is not null).GroupBy(r => r.Eval, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = byEval.OrderBy(r => r.CostUsd!.Value).ThenByDescending(r => r.Score!.Value).ToList();
            var series = list.Select(r =>
            {
                var side = Data.Sides.First(s => s.Label == r.Side);
                return new SvgSeries(side.Model, r.Side + (r.ParetoOptimal ? " (Pareto)" : ""), Data.Sides.Where(o => o.Model == side.Model).ToList().IndexOf(side),
                    [new SvgPoint(r.CostUsd!.Value, r.Score!.Value, null, null, $"{r.Side}: {Usd(r.CostUsd)}, mean {Score(r.Score)}")]);
            }).ToList();
            var guide = list.Where(r => r.ParetoOptimal).Select(r => (r.CostUsd!.Value, r.Score!.Value)).ToList();
            SvgChart.Draw(sb, "frontier-chart", $"{byEval.Key}: cost vs score (Pareto frontier dashed)", "cost (USD)", "mean score", series, Data.Colors,
                XScale.Linear, 0, 1, connect: false, guide: guide);
        }
        sb.Append("</section>\n");
    }

    /// <summary>"2026-01-01T10:20:30.1234567+00:00" as "2026-01-01 10:20:30" (UTC); anything unparsable as written.</summary>
    private static string? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : text;
}
