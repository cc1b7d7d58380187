using System.Globalization;
using System.Text;
using static EvalHarness.Report.Html;

namespace EvalHarness.Report.Trend;

/// <summary>A value per night of one line; null where the night has no value (the line skips it).</summary>
internal sealed record SvgLine(string Name, string CssClass, string PointClass, IReadOnlyList<double?> Values, IReadOnlyList<string> Tooltips);

/// <summary>
/// Inline SVG line charts with a fixed geometry, so the same data gives the same markup: nights on x (1..n, equally
/// spaced), values on y, an optional band (the 95% CI), one circle per value and optional marks per night.
/// </summary>
internal static class TrendSvg
{
    public const int Width = 760;
    public const int Height = 250;
    private const int Left = 64, Right = 20, Top = 48, Bottom = 40, Inset = 36;

    /// <summary>A verdict (FAIL, WARN, GUARD) or drift mark drawn at a night.</summary>
    public sealed record Mark(int Night, string CssClass, string Label, string Tooltip, int Row = 0);

    public static void Chart(
        StringBuilder sb, string cssClass, string title, string yLabel, int nights, double yMin, double yMax,
        IReadOnlyList<SvgLine> lines, (IReadOnlyList<double?> Low, IReadOnlyList<double?> High)? band, IReadOnlyList<Mark> marks,
        IReadOnlyList<string> nightVerdicts)
    {
        if (!(yMax > yMin)) yMax = yMin + 1;
        double X(int night) => nights <= 1 ? Left + (Width - Left - Right) / 2.0 : Left + Inset + (night - 1) * (Width - Left - Right - 2 * Inset) / (double)(nights - 1);
        double Y(double v) => Top + (Height - Top - Bottom) * (1 - (Math.Clamp(v, yMin, yMax) - yMin) / (yMax - yMin));

        sb.Append("<svg class=\"trend-chart ").Append(cssClass).Append("\" role=\"img\" width=\"").Append(Width).Append("\" height=\"").Append(Height)
            .Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height).Append("\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>").Append(E(title)).Append("</title>\n");
        sb.Append("<text class=\"chart-title\" x=\"").Append(Left).Append("\" y=\"18\">").Append(E(title)).Append("</text>\n");
        for (var k = 0; k <= 4; k++)
        {
            var v = yMin + (yMax - yMin) * k / 4;
            var y = F(Y(v));
            sb.Append("<line class=\"grid\" x1=\"").Append(Left).Append("\" x2=\"").Append(Width - Right).Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y).Append("\"/>")
                .Append("<text class=\"tick\" x=\"").Append(Left - 6).Append("\" y=\"").Append(F(Y(v) + 4)).Append("\" text-anchor=\"end\">").Append(E(Tick(v, yMax))).Append("</text>\n");
        }
        sb.Append("<text class=\"axis-label\" transform=\"translate(14 ").Append(F((Top + Height - Bottom) / 2.0)).Append(") rotate(-90)\" text-anchor=\"middle\">").Append(E(yLabel)).Append("</text>\n");
        for (var night = 1; night <= nights; night++)
        {
            sb.Append("<text class=\"tick\" x=\"").Append(F(X(night))).Append("\" y=\"").Append(Height - Bottom + 16).Append("\" text-anchor=\"middle\">")
                .Append(night.ToString(CultureInfo.InvariantCulture)).Append("</text>");
        }
        sb.Append("<text class=\"axis-label\" x=\"").Append(F((Left + Width - Right) / 2.0)).Append("\" y=\"").Append(Height - 6).Append("\" text-anchor=\"middle\">night</text>\n");

        foreach (var m in marks)
        {
            var x = F(X(m.Night));
            sb.Append("<g class=\"").Append(m.CssClass).Append("\"><title>").Append(E(m.Tooltip)).Append("</title><line x1=\"").Append(x).Append("\" x2=\"").Append(x)
                .Append("\" y1=\"").Append(Top).Append("\" y2=\"").Append(Height - Bottom).Append("\"/><text x=\"").Append(x).Append("\" y=\"").Append(Top - 4 - 12 * m.Row)
                .Append("\" text-anchor=\"middle\">").Append(E(m.Label)).Append("</text></g>\n");
        }
        if (band is var (low, high))
        {
            var idx = Enumerable.Range(0, nights).Where(i => low[i] is not null && high[i] is not null).ToList();
            if (idx.Count > 0)
            {
                var upper = idx.Select(i => F(X(i + 1)) + "," + F(Y(high[i]!.Value)));
                var lower = idx.AsEnumerable().Reverse().Select(i => F(X(i + 1)) + "," + F(Y(low[i]!.Value)));
                sb.Append("<polygon class=\"ci-band\" points=\"").Append(string.Join(' ', upper.Concat(lower))).Append("\"><title>95% CI</title></polygon>\n");
            }
        }
        foreach (var line in lines)
        {
            var idx = Enumerable.Range(0, nights).Where(i => line.Values[i] is not null).ToList();
            if (idx.Count > 1)
                sb.Append("<polyline class=\"").Append(line.CssClass).Append("\" points=\"").Append(string.Join(' ', idx.Select(i => F(X(i + 1)) + "," + F(Y(line.Values[i]!.Value))))).Append("\"/>\n");
            foreach (var i in idx)
            {
                var verdict = nightVerdicts[i];
                sb.Append("<circle class=\"").Append(line.PointClass).Append(verdict.Length > 0 ? " verdict-" + verdict.ToLowerInvariant() : "")
                    .Append("\" data-night=\"").Append(i + 1).Append("\"").Append(verdict.Length > 0 ? " data-verdict=\"" + E(verdict) + "\"" : "")
                    .Append(" cx=\"").Append(F(X(i + 1))).Append("\" cy=\"").Append(F(Y(line.Values[i]!.Value))).Append("\" r=\"").Append(verdict is "FAIL" or "WARN" or "GUARD" ? "7" : "4.5")
                    .Append("\"><title>").Append(E(line.Tooltips[i])).Append("</title></circle>\n");
            }
        }
        if (lines.Count > 1)
        {
            var x = Width - Right - 150;
            for (var k = 0; k < lines.Count; k++)
            {
                sb.Append("<g class=\"legend-item\"><line class=\"").Append(lines[k].CssClass).Append("\" x1=\"").Append(x).Append("\" x2=\"").Append(x + 22).Append("\" y1=\"")
                    .Append(10 + 12 * k).Append("\" y2=\"").Append(10 + 12 * k).Append("\"/><text x=\"").Append(x + 28).Append("\" y=\"").Append(14 + 12 * k).Append("\">")
                    .Append(E(lines[k].Name)).Append("</text></g>\n");
            }
        }
        sb.Append("</svg>\n");
    }

    public static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Tick(double v, double max) =>
        max < 0.1 ? v.ToString("G3", CultureInfo.InvariantCulture) : max <= 1.5 ? v.ToString("0.00", CultureInfo.InvariantCulture) : max < 10 ? v.ToString("0.###", CultureInfo.InvariantCulture) : v.ToString("0", CultureInfo.InvariantCulture);
}
