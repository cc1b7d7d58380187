using System.Globalization;

namespace EvalHarness.Report;

/// <summary>
/// One colour per model, used by every chart, legend and table swatch of a report: the model's index in the ordinally
/// sorted list of models picks it, so the same models always get the same colours whatever order the inputs come in.
/// </summary>
public sealed class ModelColors
{
    // Ten well-separated hues, dark enough for lines on white; after ten, hues step by the golden angle.
    private static readonly string[] Palette =
        ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];

    private readonly Dictionary<string, string> _colors = new(StringComparer.Ordinal);

    public ModelColors(IEnumerable<string> models)
    {
        var sorted = models.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < sorted.Count; i++) _colors[sorted[i]] = At(i);
    }

    public IReadOnlyCollection<string> Models => _colors.Keys;

    /// <summary>The model's colour as #rrggbb; a model the report did not list gets grey.</summary>
    public string Of(string model) => _colors.TryGetValue(model, out var c) ? c : "#555555";

    internal static string At(int index)
    {
        if (index < Palette.Length) return Palette[index];
        var hue = (index - Palette.Length) * 137.508 % 360;
        return Hsl(hue, 0.65, 0.42);
    }

    private static string Hsl(double h, double s, double l)
    {
        var c = (1 - Math.Abs(2 * l - 1)) * s;
        var x = c * (1 - Math.Abs(h / 60 % 2 - 1));
        var m = l - c / 2;
        var (r, g, b) = h switch
        {
            < 60 => (c, x, 0.0),
            < 120 => (x, c, 0.0),
            < 180 => (0.0, c, x),
            < 240 => (0.0, x, c),
            < 300 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        static int B(double v) => (int)Math.Round(v * 255, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"#{B(r + m):x2}{B(g + m):x2}{B(b + m):x2}");
    }
}
