using System.Globalization;
using System.Net;
using System.Text;

namespace EvalHarness.Report;

/// <summary>Small helpers for writing the report: escaping, invariant numbers and the red-yellow-green ramp.</summary>
internal static class Html
{
    public static string E(string text) => WebUtility.HtmlEncode(text);

    public static string Score(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    public static string Int(long v) => v.ToString(CultureInfo.InvariantCulture);

    public static string Percent(double v) => v.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Usd(double? v) => v is { } x ? "$" + x.ToString("0.0000", CultureInfo.InvariantCulture) : "–";

    public static string Ms(double? v) => v is { } x ? x.ToString("0", CultureInfo.InvariantCulture) : "–";

    /// <summary>Red (0) through yellow (0.5) to green (1), light enough for dark text; grey for no data.</summary>
    public static string Ramp(double? value)
    {
        var (r, g, b) = RampRgb(value);
        return string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
    }

    public static (byte R, byte G, byte B) RampRgb(double? value)
    {
        if (value is not { } v || !double.IsFinite(v)) return (0xe0, 0xe0, 0xe0);
        v = Math.Clamp(v, 0, 1);
        (int R, int G, int B) red = (248, 105, 107), yellow = (255, 235, 132), green = (99, 190, 123);
        var (from, to, t) = v < 0.5 ? (red, yellow, v / 0.5) : (yellow, green, (v - 0.5) / 0.5);
        static byte Mix(int a, int b, double t) => (byte)Math.Round(a + (b - a) * t, MidpointRounding.AwayFromZero);
        return (Mix(from.R, to.R, t), Mix(from.G, to.G, t), Mix(from.B, to.B, t));
    }

    /// <summary>A legend for the ramp: swatches at 0, 0.25, 0.5, 0.75 and 1 with their values, and the no-data colour.</summary>
    public static void RampLegend(StringBuilder sb)
    {
        sb.Append("<div class=\"legend\" aria-label=\"colour legend\"><span class=\"legend-title\">score</span>");
        foreach (var v in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
            sb.Append("<span class=\"swatch\" style=\"background:").Append(Ramp(v)).Append("\">").Append(Score(v)).Append("</span>");
        sb.Append("<span class=\"swatch\" style=\"background:").Append(Ramp(null)).Append("\">– no data</span></div>\n");
    }

    public const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:24px;color:#1b1b1b;background:#fff;max-width:1300px}
        h1{font-size:1.6em;margin:0 0 .3em}h2{border-bottom:2px solid #ccc;padding-bottom:.2em;margin-top:1.6em}h3{margin:1.1em 0 .4em}
        table{border-collapse:collapse;margin:.4em 0 1em}th,td{border:1px solid #bbb;padding:4px 8px;text-align:right;font-variant-numeric:tabular-nums}
        th{background:#f2f2f2}th.rowkey,td.text{text-align:left}caption{caption-side:top;text-align:left;font-weight:600;padding:2px 0 6px}
        td.heatmap-cell{min-width:64px;text-align:center;font-weight:600}
        .pub{display:block;font-weight:400;font-size:.8em;color:#333}
        .legend{display:flex;gap:4px;align-items:center;margin:.2em 0 1em;flex-wrap:wrap}.legend-title{font-weight:600;margin-right:6px}
        .swatch{display:inline-block;padding:2px 10px;border:1px solid #999;font-size:.85em}
        .note{background:#fff8e1;border-left:4px solid #f0b400;padding:6px 10px;margin:.5em 0}
        .muted{color:#555;font-size:.9em}figure{margin:.5em 0 1.2em}figcaption{font-size:.9em;color:#333}
        table.nowrap td{white-space:nowrap}table.nowrap td.path{white-space:normal;word-break:break-all;max-width:360px}
        svg.chart{display:block;max-width:100%;height:auto;border:1px solid #ddd;background:#fff;font-family:inherit}
        svg.chart text{font-size:11px;fill:#333}svg.chart .chart-title{font-size:13px;font-weight:600}svg.chart .grid{stroke:#e6e6e6}
        .pivot td{text-align:left;vertical-align:top;min-width:150px}.pivot .mean{font-weight:700;font-size:1.05em}.pivot .ci{color:#333}
        .pivot .detail{display:block;font-size:.8em;color:#444}.model-swatch{display:inline-block;width:12px;height:12px;border:1px solid #555;margin-right:6px;vertical-align:-1px}
        details.drill-down{margin:.15em 0}details.drill-down summary{cursor:pointer}details.drill-down table{font-size:.85em}
        table.samples td{vertical-align:top}table.samples td.text{white-space:pre-wrap;word-break:break-word;max-width:420px}
        .trunc{color:#8a4b00;font-style:italic}table.group-table td{white-space:nowrap}
        .flex{display:flex;flex-wrap:wrap;gap:28px;align-items:flex-start}
        .gate{border-left:6px solid #2e7d32;background:#f1f8f1;padding:6px 12px;margin:.4em 0 1em}.gate.fail{border-color:#c62828;background:#fdecea}
        .gate.warn{border-color:#f0b400;background:#fff8e1}.gate.guard{border-color:#6a1b9a;background:#f5eef8}.gate p{margin:.2em 0}
        """;
}
