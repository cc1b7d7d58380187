using System.Globalization;
using System.Text;
using static EvalHarness.Report.Html;

namespace EvalHarness.Report;

/// <summary>How x values are placed: linear, logarithmic, or as times (unix seconds, labelled as UTC date and time).</summary>
public enum XScale
{
    Linear,
    Log,
    Time,
}

/// <summary>A point of a chart series: y with an optional interval (drawn as a whisker) and a tooltip.</summary>
public sealed record SvgPoint(double X, double Y, double? Low, double? High, string Tooltip);

/// <summary>One series: drawn in its model's colour; <paramref name="Style"/> picks dash and marker among a model's series.</summary>
public sealed record SvgSeries(string Model, string Label, int Style, IReadOnlyList<SvgPoint> Points);

/// <summary>
/// Inline SVG charts with a fixed geometry (the same data gives the same markup): series in their model's colour
/// (<see cref="ModelColors"/>), whiskers for intervals, a tooltip per point and a legend on the right. No script, no
/// fonts: the page's Content-Security-Policy holds.
/// </summary>
public static class SvgChart
{
    public const int Width = 900;
    private const int PlotHeight = 300, Left = 64, Right = 230, Top = 36, Bottom = 52;
    private static readonly string[] Dashes = ["", "7 4", "2 3", "9 3 2 3"];

    public static void Draw(
        StringBuilder sb, string cssClass, string title, string xLabel, string yLabel, IReadOnlyList<SvgSeries> series, ModelColors colors,
        XScale scale, double yMin, double yMax, bool connect = true, IReadOnlyList<(double X, double Y)>? guide = null)
    {
        var xs = series.SelectMany(s => s.Points).Select(p => p.X).Where(x => scale != XScale.Log || x > 0).Distinct().Order().ToList();
        if (xs.Count == 0) return;
        double T(double x) => scale == XScale.Log ? Math.Log10(Math.Max(x, 1e-12)) : x;
        var (lo, hi) = (T(xs[0]), T(xs[^1]));
        if (!(hi > lo)) (lo, hi) = (lo - 1, hi + 1);
        var pad = (hi - lo) * 0.05;
        (lo, hi) = (lo - pad, hi + pad);
        if (!(yMax > yMin)) yMax = yMin + 1;
        var height = Math.Max(PlotHeight + Top + Bottom, Top + 18 * series.Count + 20);
        double X(double x) => Left + (Width - Left - Right) * (T(x) - lo) / (hi - lo);
        double Y(double v) => Top + PlotHeight * (1 - (Math.Clamp(v, yMin, yMax) - yMin) / (yMax - yMin));

        sb.Append("<figure>\n<svg class=\"chart ").Append(cssClass).Append("\" role=\"img\" width=\"").Append(Width)
            .Append("\" height=\"").Append(height).Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height).Append("\">\n<title>").Append(E(title)).Append("</title>\n");
        sb.Append("<text class=\"chart-title\" x=\"").Append(Left).Append("\" y=\"20\">").Append(E(title)).Append("</text>\n");
        for (var i = 0; i <= 4; i++)
        {
            var v = yMin + (yMax - yMin) * i / 4;
            var y = F(Y(v));
            sb.Append("<line class=\"grid\" x1=\"").Append(Left).Append("\" x2=\"").Append(Width - Right).Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y).Append("\"/>")
                .Append("<text x=\"").Append(Left - 6).Append("\" y=\"").Append(F(Y(v) + 4)).Append("\" text-anchor=\"end\">").Append(E(Tick(v))).Append("</text>\n");
        }
        var ticks = xs.Count <= 10 ? xs : Enumerable.Range(0, 6).Select(i => xs[(int)Math.Round(i * (xs.Count - 1) / 5.0)]).Distinct().ToList();
        foreach (var x in ticks)
        {
            sb.Append("<text x=\"").Append(F(X(x))).Append("\" y=\"").Append(Top + PlotHeight + 16).Append("\" text-anchor=\"middle\">")
                .Append(E(scale == XScale.Time ? TimeTick(x) : Tick(x))).Append("</text>");
        }
        sb.Append('\n');
        sb.Append("<line stroke=\"#999\" x1=\"").Append(Left).Append("\" x2=\"").Append(Width - Right).Append("\" y1=\"").Append(Top + PlotHeight).Append("\" y2=\"").Append(Top + PlotHeight).Append("\"/>")
            .Append("<line stroke=\"#999\" x1=\"").Append(Left).Append("\" x2=\"").Append(Left).Append("\" y1=\"").Append(Top).Append("\" y2=\"").Append(Top + PlotHeight).Append("\"/>\n");
        sb.Append("<text x=\"").Append((Left + Width - Right) / 2).Append("\" y=\"").Append(Top + PlotHeight + 38).Append("\" text-anchor=\"middle\">").Append(E(xLabel)).Append("</text>\n");
        sb.Append("<text x=\"14\" y=\"").Append(Top + PlotHeight / 2).Append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ").Append(Top + PlotHeight / 2).Append(")\">").Append(E(yLabel)).Append("</text>\n");
        if (guide is { Count: > 1 })
        {
            sb.Append("<polyline class=\"guide\" fill=\"none\" stroke=\"#444\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\" points=\"")
                .AppendJoin(' ', guide.Select(p => F(X(p.X)) + "," + F(Y(p.Y)))).Append("\"/>\n");
        }
        // Lines of equal scores would hide each other (only the last would show): each connected series is dodged
        // sideways by a few pixels, symmetric around the true x.
        var step = connect && series.Count > 1 ? Math.Min(5.0, 40.0 / series.Count) : 0;
        for (var k = 0; k < series.Count; k++)
        {
            var s = series[k];
            var color = colors.Of(s.Model);
            var dx = step * (k - (series.Count - 1) / 2.0);
            double PX(double x) => X(x) + dx;
            var dash = Dashes[s.Style % Dashes.Length];
            sb.Append("<g class=\"series\" data-model=\"").Append(E(s.Model)).Append("\" data-series=\"").Append(E(s.Label)).Append("\">\n");
            var points = s.Points.Where(p => scale != XScale.Log || p.X > 0).ToList();
            if (connect && points.Count > 1)
            {
                sb.Append("<polyline fill=\"none\" stroke=\"").Append(color).Append("\" stroke-width=\"2\"").Append(dash.Length > 0 ? $" stroke-dasharray=\"{dash}\"" : "")
                    .Append(" points=\"").AppendJoin(' ', points.Select(p => F(PX(p.X)) + "," + F(Y(p.Y)))).Append("\"/>\n");
            }
            foreach (var p in points)
            {
                if (p is { Low: { } l, High: { } h })
                {
                    sb.Append("<line class=\"whisker\" stroke=\"").Append(color).Append("\" stroke-width=\"1.2\" x1=\"").Append(F(PX(p.X))).Append("\" x2=\"").Append(F(PX(p.X)))
                        .Append("\" y1=\"").Append(F(Y(l))).Append("\" y2=\"").Append(F(Y(h))).Append("\"/>");
                }
                Marker(sb, s.Style, PX(p.X), Y(p.Y), color, p.Tooltip);
            }
            sb.Append("</g>\n");
            var ly = Top + 6 + 18 * k;
            var lx = Width - Right + 14;
            sb.Append("<g class=\"legend-item\" data-model=\"").Append(E(s.Model)).Append("\"><line stroke=\"").Append(color).Append("\" stroke-width=\"2\"")
                .Append(dash.Length > 0 ? $" stroke-dasharray=\"{dash}\"" : "").Append(" x1=\"").Append(lx).Append("\" x2=\"").Append(lx + 26).Append("\" y1=\"").Append(ly)
                .Append("\" y2=\"").Append(ly).Append("\"/>");
            Marker(sb, s.Style, lx + 13, ly, color, null);
            sb.Append("<text x=\"").Append(lx + 32).Append("\" y=\"").Append(ly + 4).Append("\">").Append(E(Shorten(s.Label, 30))).Append("</text></g>\n");
        }
        sb.Append("</svg>\n<figcaption>").Append(E(title)).Append("</figcaption>\n</figure>\n");
    }

    private static void Marker(StringBuilder sb, int style, double x, double y, string color, string? tooltip)
    {
        var (cx, cy) = (F(x), F(y));
        sb.Append((style % 4) switch
        {
            0 => $"<circle class=\"point\" fill=\"{color}\" cx=\"{cx}\" cy=\"{cy}\" r=\"4\"",
            1 => $"<rect class=\"point\" fill=\"{color}\" x=\"{F(x - 4)}\" y=\"{F(y - 4)}\" width=\"8\" height=\"8\"",
            2 => $"<polygon class=\"point\" fill=\"{color}\" points=\"{cx},{F(y - 5)} {F(x + 5)},{F(y + 4)} {F(x - 5)},{F(y + 4)}\"",
            _ => $"<polygon class=\"point\" fill=\"{color}\" points=\"{cx},{F(y - 5)} {F(x + 5)},{cy} {cx},{F(y + 5)} {F(x - 5)},{cy}\"",
        });
        var tag = (style % 4) switch { 0 => "circle", 1 => "rect", _ => "polygon" };
        sb.Append(tooltip is null ? "/>" : "><title>" + E(tooltip) + "</title></" + tag + ">");
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Compact axis labels: 8192 as "8k", 1048576 as "1M", 2000 as "2k", fractions with up to three decimals.</summary>
    internal static string Tick(double v)
    {
        static string N(double x) => x.ToString("0.#", CultureInfo.InvariantCulture);
        var a = Math.Abs(v);
        if (a >= 1024 && a % 1_048_576 == 0) return N(v / 1_048_576) + "M";
        if (a >= 1000 && a % 1_000_000 == 0) return N(v / 1_000_000) + "M";
        if (a >= 1000 && a % 1000 == 0) return N(v / 1000) + "k";
        if (a >= 1024 && a % 1024 == 0) return N(v / 1024) + "k";
        return a >= 10_000 ? N(v / 1000) + "k" : v.ToString("0.###", CultureInfo.InvariantCulture);
    }

    private static string TimeTick(double unixSeconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(unixSeconds * 1000)).UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A y-axis top a little above the largest value (1, 2 or 5 times a power of ten).</summary>
    public static double Nice(double max)
    {
        if (!(max > 0)) return 1;
        var scale = Math.Pow(10, Math.Floor(Math.Log10(max * 1.05)));
        foreach (var f in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (f * scale >= max * 1.05) return f * scale;
        }
        return 10 * scale;
    }
}
