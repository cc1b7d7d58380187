using System.Globalization;
using System.Text;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Trend;
using static EvalHarness.Report.Html;

namespace EvalHarness.Report.Trend;

/// <summary>
/// trend.html: one self-contained page (inline CSS and SVG, no scripts, fonts or fetches; the report's
/// Content-Security-Policy) with, per model x eval, the score per night with its 95% CI band, TTFT p50/p95 and cost
/// per night, the gate's verdicts (FAIL, WARN, GUARD) on the points and "endpoint drift" where the served model id
/// changed. Nothing but the data is printed, so the same points give byte-identical HTML.
/// </summary>
public static class TrendPage
{
    public const string FileName = "trend.html";

    public static string Build(IReadOnlyList<TrendPoint> points, string title = "EvalHarness trend")
    {
        var series = TrendSeries.Build(points);
        var nights = series.SelectMany(s => s.Nights).GroupBy(n => n.Index).OrderBy(g => g.Key).Select(g => g.First().Point).ToList();
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(RunReport.ContentSecurityPolicy).Append("\">\n");
        sb.Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Css).Append('\n').Append(TrendCss).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E(title)).Append("</h1>\n");
        sb.Append("<p class=\"muted\">One point per run (night), ordered by start time. Score: mean over scored samples of the eval's ")
            .Append("group (errored samples counted apart) with its 95% CI as a band. Gate verdicts from each run's <code>gate/gate.json</code>: ")
            .Append("<span class=\"badge badge-fail\">FAIL</span> <span class=\"badge badge-warn\">WARN</span> <span class=\"badge badge-guard\">GUARD</span>; ")
            .Append("a dashed blue line marks <b>endpoint drift</b>: the endpoint reported another served model id than the night before.</p>\n");
        Nights(sb, nights, series);
        // One note per model and night (every eval of the model carries the same drift).
        foreach (var (model, n) in series.SelectMany(s => s.Nights.Where(n => n.Drift).Select(n => (s.Model, n))).DistinctBy(x => (x.Model, x.n.Index)))
        {
            sb.Append("<p class=\"note drift\" data-model=\"").Append(E(model)).Append("\" data-night=\"").Append(n.Index).Append("\">endpoint drift: <b>").Append(E(model))
                .Append("</b> on night ").Append(n.Index).Append(" (<code>").Append(E(n.Point.RunId)).Append("</code>): served <code>").Append(E(n.PreviousServedModel ?? ""))
                .Append("</code> → <code>").Append(E(n.Point.ServedModel ?? "")).Append("</code></p>\n");
        }
        if (series.Count == 0) sb.Append("<p class=\"note\">No points: no run of the inputs has a summary row of this group.</p>\n");
        foreach (var s in series) Series(sb, s, nights.Count);
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Nights(StringBuilder sb, IReadOnlyList<TrendPoint> nights, IReadOnlyList<TrendSeries> series)
    {
        sb.Append("<table class=\"nights nowrap\">\n<caption>Nights</caption>\n<thead><tr><th>night</th><th class=\"rowkey\">run id</th><th class=\"rowkey\">started (UTC)</th><th class=\"rowkey\">suite</th><th class=\"rowkey\">gate</th></tr></thead>\n<tbody>\n");
        for (var i = 0; i < nights.Count; i++)
        {
            var verdicts = series.SelectMany(s => s.Nights).Where(n => n.Index == i + 1).Select(n => n.Point.GateVerdict).OfType<string>().ToList();
            var worst = new[] { "GUARD", "FAIL", "WARN", "PASS" }.FirstOrDefault(verdicts.Contains);
            sb.Append("<tr><td>").Append(i + 1).Append("</td><td class=\"text\"><code>").Append(E(nights[i].RunId)).Append("</code></td><td class=\"text\">")
                .Append(Time(nights[i].StartedUtc)).Append("</td><td class=\"text\">").Append(E(nights[i].Suite ?? "–")).Append("</td><td class=\"text\">").Append(Badge(worst)).Append("</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }

    private static void Series(StringBuilder sb, TrendSeries s, int nightCount)
    {
        var title = s.Group == Summary.AllGroup ? $"{s.Model} · {s.Eval}" : $"{s.Model} · {s.Eval} · {s.Group}";
        sb.Append("<section class=\"series\" data-model=\"").Append(E(s.Model)).Append("\" data-eval=\"").Append(E(s.Eval)).Append("\" data-group=\"").Append(E(s.Group))
            .Append("\">\n<h2>").Append(E(title)).Append("</h2>\n");
        var at = new TrendNight?[nightCount];
        foreach (var n in s.Nights) at[n.Index - 1] = n;
        List<T> Each<T>(Func<TrendNight?, T> f) => at.Select(f).ToList();
        var verdicts = Each(n => n?.Point.GateVerdict ?? "");
        var marks = new List<TrendSvg.Mark>();
        foreach (var n in s.Nights)
        {
            if (n.Point.GateVerdict is { } v && v is "FAIL" or "WARN" or "GUARD")
                marks.Add(new TrendSvg.Mark(n.Index, "mark-" + v.ToLowerInvariant(), v, $"gate {v} on night {n.Index} ({n.Point.RunId})"));
            if (n.Drift)
                marks.Add(new TrendSvg.Mark(n.Index, "drift-marker", "endpoint drift", $"endpoint drift: served {n.PreviousServedModel} → {n.Point.ServedModel}", Row: 1));
        }
        var scoreTips = Each(n => n is null ? "" : Tip(n) + $": mean {Score(n.Point.Mean)} (95% CI {Score(n.Point.Ci95Low)}–{Score(n.Point.Ci95High)}), n {n.Point.N}, errors {n.Point.NErrors}"
            + (n.Point.ServedModel is { } sm ? $", served {sm}" : "") + (n.Point.GateVerdict is { } gv ? $", gate {gv}" : ""));
        TrendSvg.Chart(sb, "score-chart", $"{title}: score per night", "mean score", nightCount, 0, 1,
            [new SvgLine("score", "score-line", "trend-point", Each(n => n?.Point.Mean), scoreTips)],
            (Each(n => n?.Point.Ci95Low), Each(n => n?.Point.Ci95High)), marks, verdicts);

        var p50 = Each(n => n?.Point.TtftP50Ms);
        var p95 = Each(n => n?.Point.TtftP95Ms);
        var none = Each(_ => "");
        if (p50.Concat(p95).Any(v => v is not null))
        {
            var max = p50.Concat(p95).Max(v => v ?? 0);
            TrendSvg.Chart(sb, "ttft-chart", $"{title}: time to first token per night", "TTFT (ms)", nightCount, 0, SvgChart.Nice(max),
                [new SvgLine("TTFT p50", "ttft-p50", "ttft-point", p50, Each(n => n is null ? "" : Tip(n) + $": TTFT p50 {Ms(n.Point.TtftP50Ms)} ms")),
                 new SvgLine("TTFT p95", "ttft-p95", "ttft-point", p95, Each(n => n is null ? "" : Tip(n) + $": TTFT p95 {Ms(n.Point.TtftP95Ms)} ms"))],
                null, [], none);
        }
        var cost = Each(n => n?.Point.CostUsd);
        if (cost.Any(v => v is not null))
        {
            TrendSvg.Chart(sb, "cost-chart", $"{title}: cost per night", "cost (USD)", nightCount, 0, SvgChart.Nice(cost.Max(v => v ?? 0)),
                [new SvgLine("cost", "cost-line", "cost-point", cost, Each(n => n is null ? "" : Tip(n) + $": {Usd(n.Point.CostUsd)}"))], null, [], none);
        }
        else sb.Append("<p class=\"muted\">No cost recorded for these runs (no price known for the model).</p>\n");

        sb.Append("<table class=\"nowrap\">\n<thead><tr><th>night</th><th class=\"rowkey\">run id</th><th class=\"rowkey\">served model</th><th>n</th><th>errors</th><th>mean</th><th>95% CI</th>")
            .Append("<th>TTFT p50 ms</th><th>TTFT p95 ms</th><th>cost</th><th class=\"rowkey\">gate</th><th class=\"rowkey\">note</th></tr></thead>\n<tbody>\n");
        foreach (var n in s.Nights)
        {
            var p = n.Point;
            sb.Append("<tr data-night=\"").Append(n.Index).Append("\"><td>").Append(n.Index).Append("</td><td class=\"text\"><code>").Append(E(p.RunId)).Append("</code></td><td class=\"text\">")
                .Append(E(p.ServedModel ?? "–")).Append("</td><td>").Append(Int(p.N)).Append("</td><td>").Append(Int(p.NErrors)).Append("</td><td>").Append(Score(p.Mean))
                .Append("</td><td>").Append(Score(p.Ci95Low)).Append("–").Append(Score(p.Ci95High)).Append("</td><td>").Append(Ms(p.TtftP50Ms)).Append("</td><td>").Append(Ms(p.TtftP95Ms))
                .Append("</td><td>").Append(Usd(p.CostUsd)).Append("</td><td class=\"text\">").Append(Badge(p.GateVerdict)).Append(p.Underpowered ? " <span class=\"muted\">UNDERPOWERED</span>" : "")
                .Append("</td><td class=\"text\">");
            if (n.Drift) sb.Append("<span class=\"drift\">endpoint drift: ").Append(E(n.PreviousServedModel ?? "")).Append(" → ").Append(E(p.ServedModel ?? "")).Append("</span>");
            sb.Append("</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n</section>\n");
    }

    private static string Tip(TrendNight n) => $"night {n.Index} ({n.Point.RunId}, {Time(n.Point.StartedUtc)})";

    private static string Badge(string? verdict) =>
        verdict is null ? "–" : $"<span class=\"badge badge-{E(verdict.ToLowerInvariant())}\">{E(verdict)}</span>";

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private const string TrendCss = """
        svg.trend-chart{display:block;margin:.3em 0 .8em;border:1px solid #ddd;background:#fff;max-width:100%;height:auto;font-family:inherit}
        svg .chart-title{font-weight:600;font-size:13px}svg .tick,svg .axis-label,svg .legend-item text{font-size:11px;fill:#333}
        svg .grid{stroke:#e6e6e6}svg .ci-band{fill:#9cc3e6;fill-opacity:.45;stroke:none}
        svg .score-line{fill:none;stroke:#1f5f9f;stroke-width:2}svg .trend-point{fill:#1f5f9f;stroke:#fff;stroke-width:1.5}
        svg .ttft-p50{fill:none;stroke:#2e7d32;stroke-width:2}svg .ttft-p95{fill:none;stroke:#8e24aa;stroke-width:2;stroke-dasharray:6 3}svg .ttft-point{fill:#555}
        svg .cost-line{fill:none;stroke:#795548;stroke-width:2}svg .cost-point{fill:#795548}
        svg circle.verdict-fail{fill:#c62828}svg circle.verdict-warn{fill:#ef8f00}svg circle.verdict-guard{fill:#6a1b9a}
        svg .mark-fail line{stroke:#c62828}svg .mark-warn line{stroke:#ef8f00}svg .mark-guard line{stroke:#6a1b9a}
        svg .mark-fail text{fill:#c62828}svg .mark-warn text{fill:#b36b00}svg .mark-guard text{fill:#6a1b9a}
        svg .mark-fail text,svg .mark-warn text,svg .mark-guard text,svg .drift-marker text{font-size:11px;font-weight:700}
        svg .drift-marker line{stroke:#0d47a1;stroke-dasharray:4 3;stroke-width:1.5}svg .drift-marker text{fill:#0d47a1}
        .badge{display:inline-block;padding:0 6px;border-radius:3px;font-weight:600;color:#fff;font-size:.85em}
        .badge-fail{background:#c62828}.badge-warn{background:#ef8f00}.badge-guard{background:#6a1b9a}.badge-pass{background:#2e7d32}
        .drift{color:#0d47a1;font-weight:600}p.note.drift{border-left-color:#0d47a1;background:#e8f0fb}
        """;
}
