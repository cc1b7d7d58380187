using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Core.RunFolders;

namespace EvalHarness.Core.Reporting.Comparison;

/// <summary>One (run, model) whose samples are compared with the other sides'.</summary>
public sealed record ComparisonSide(string Label, string RunId, string Model, string Source, IReadOnlyList<SampleRow> Records);

/// <summary>Latency, tokens and cost of one side in one cell (all its rows there, errored ones included for tokens and cost).</summary>
public sealed record SideMetrics(
    int NScored, int NErrors, double? MeanScore, double? TtftP50, double? TtftP95, double? LatencyP50, double? LatencyP95,
    long PromptTokens, long CachedTokens, long CompletionTokens, double? CostUsd, PublishedValue? Published);

/// <summary>
/// B − A for one (eval, group) cell; A is the baseline. <see cref="PHolm"/> is Holm-adjusted across the eval
/// aggregate cells (group = all) of the whole comparison, or across the groups of one (eval, pair) for group cells.
/// </summary>
public sealed record ComparisonRow(
    string Eval, string Group, string SideA, string SideB,
    int NPaired, int NUnpairedA, int NUnpairedB,
    double MeanA, double MeanB, double Diff, double Ci95Low, double Ci95High,
    double PValue, double PHolm, double Mde, double Correlation, string Method, bool Significant, string Warning,
    BootstrapResult? Bootstrap, SideMetrics A, SideMetrics B)
{
    public bool IsAggregate => Group == Summary.AllGroup;
}

/// <summary>One side on an eval's cost/quality frontier.</summary>
public sealed record FrontierRow(string Eval, string Side, double? Score, double? CostUsd, double? TtftP95, bool ParetoOptimal, bool CheapestWithin);

public sealed record ComparisonOptions
{
    /// <summary>Label, model name or run id of the side the others are compared with (default: the first side).</summary>
    public string? Baseline { get; init; }

    public int BootstrapReplicates { get; init; } = PairedBootstrap.DefaultReplicates;

    public ulong Seed { get; init; } = PairedBootstrap.DefaultSeed;

    public double Alpha { get; init; } = PairedStatistics.Alpha;

    /// <summary>Used when a row has no cost_usd: prices by model name.</summary>
    public PriceTable Prices { get; init; } = PriceTable.Defaults;

    public PublishedResults Published { get; init; } = PublishedResults.Empty;

    /// <summary>"Cheapest within X points of the best" on the frontier, in percentage points.</summary>
    public double FrontierWithinPoints { get; init; } = 2.0;
}

public sealed record ComparisonReport(
    IReadOnlyList<ComparisonSide> Sides, string Baseline, IReadOnlyList<ComparisonRow> Rows, IReadOnlyList<FrontierRow> Frontier,
    IReadOnlyList<string> Notes, ComparisonOptions Options);
