using System.Globalization;
using EvalHarness.Core.Evaluators;
using Microsoft.Extensions.Configuration;

namespace EvalHarness.Core.Reporting.Gate;

/// <summary>
/// The gate's declared cells, margins and hard limits: section <c>Gate</c>, overlaid by <c>Suites:&lt;suite&gt;:Gate</c>
/// of the candidate's suite, overlaid by <c>--delta</c>. Fractions are in [0, 1]; deltas are on the score scale
/// (0.02 = 2 points).
/// </summary>
public sealed record GateSettings
{
    public const string SectionName = "Gate";
    public const double DefaultDelta = 0.02;

    /// <summary>Margin used for evals without an entry in <see cref="Deltas"/>.</summary>
    public double Delta { get; init; } = DefaultDelta;

    public IReadOnlyDictionary<string, double> Deltas { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Gate cells: eval names (the eval aggregate) or <c>eval/group</c>; empty = every eval aggregate present on both sides.</summary>
    public IReadOnlyList<string> Cells { get; init; } = [];

    public double Alpha { get; init; } = Comparison.PairedStatistics.Alpha;

    /// <summary>Candidate errored rows / rows, per model, above which the gate refuses a verdict.</summary>
    public double MaxErrorRate { get; init; } = 0.10;

    /// <summary>Baseline samples without any candidate row (not run at all), per eval and model.</summary>
    public double MaxMissingFraction { get; init; } = 0.05;

    /// <summary>Shared sample ids / ids on either side, per eval and model.</summary>
    public double MinOverlap { get; init; } = 0.95;

    /// <summary>Optional budget: the candidate's total cost in USD.</summary>
    public double? MaxCostUsd { get; init; }

    /// <summary>Optional budget: the candidate's TTFT p95 in ms, per model over the gated evals.</summary>
    public double? MaxTtftP95Ms { get; init; }

    public int BootstrapReplicates { get; init; } = Comparison.PairedBootstrap.DefaultReplicates;

    public ulong Seed { get; init; } = Comparison.PairedBootstrap.DefaultSeed;

    public double DeltaFor(string eval) => Deltas.TryGetValue(eval, out var d) ? d : Delta;

    public static GateSettings FromConfiguration(IConfiguration config, string? suite)
    {
        var settings = Overlay(new GateSettings(), config.GetSection(SectionName), SectionName);
        if (!string.IsNullOrEmpty(suite))
        {
            var path = $"Suites:{suite}:{SectionName}";
            settings = Overlay(settings, config.GetSection(path), path);
        }
        return settings;
    }

    private static GateSettings Overlay(GateSettings s, IConfigurationSection section, string path)
    {
        if (!section.Exists()) return s;
        var deltas = new Dictionary<string, double>(s.Deltas, StringComparer.Ordinal);
        foreach (var d in section.GetSection("Deltas").GetChildren()) deltas[d.Key] = Positive(d.Value, $"{path}:Deltas:{d.Key}");
        var cells = section.GetSection("Cells").GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
        if (cells.Count == 0 && section["Cells"] is { Length: > 0 } csv)
            cells = csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return s with
        {
            Delta = section["Delta"] is { } delta ? Positive(delta, $"{path}:Delta") : s.Delta,
            Deltas = deltas,
            Cells = cells.Count > 0 ? cells : s.Cells,
            Alpha = section["Alpha"] is { } a ? Fraction(a, $"{path}:Alpha") : s.Alpha,
            MaxErrorRate = section["MaxErrorRate"] is { } e ? Fraction(e, $"{path}:MaxErrorRate") : s.MaxErrorRate,
            MaxMissingFraction = section["MaxMissingFraction"] is { } m ? Fraction(m, $"{path}:MaxMissingFraction") : s.MaxMissingFraction,
            MinOverlap = section["MinOverlap"] is { } o ? Fraction(o, $"{path}:MinOverlap") : s.MinOverlap,
            MaxCostUsd = section["MaxCostUsd"] is { } c ? Positive(c, $"{path}:MaxCostUsd") : s.MaxCostUsd,
            MaxTtftP95Ms = section["MaxTtftP95Ms"] is { } t ? Positive(t, $"{path}:MaxTtftP95Ms") : s.MaxTtftP95Ms,
        };
    }

    /// <summary><c>--delta niah=0.02,mrcr=0.05</c> (or a bare number for every eval).</summary>
    public GateSettings WithDeltas(IEnumerable<string> specs)
    {
        var result = this;
        var deltas = new Dictionary<string, double>(Deltas, StringComparer.Ordinal);
        foreach (var part in specs.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0) result = result with { Delta = Positive(part, "--delta") };
            else deltas[part[..eq].Trim()] = Positive(part[(eq + 1)..], $"--delta {part[..eq].Trim()}");
        }
        return result with { Deltas = deltas };
    }

    private static double Positive(string? text, string where) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v > 0
            ? v
            : throw new EvalInputException($"{where}: '{text}' is not a positive number");

    private static double Fraction(string? text, string where) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 1
            ? v
            : throw new EvalInputException($"{where}: '{text}' is not a fraction in [0, 1]");
}
