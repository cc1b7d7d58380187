using System.Globalization;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.Reporting.Comparison;

/// <summary>compare.csv: long format, one row per (eval, group, side pair), B − A with A the baseline.</summary>
public static class ComparisonCsv
{
    public const string FileName = "compare.csv";

    public static readonly IReadOnlyList<string> Columns =
    [
        "eval", "group", "side_a", "side_b", "n_paired", "n_unpaired_a", "n_unpaired_b", "n_errors_a", "n_errors_b",
        "mean_a", "mean_b", "diff", "ci95_low", "ci95_high", "p_value", "p_holm", "mde", "correlation", "method",
        "significant", "warning", "boot_ci95_low", "boot_ci95_high", "boot_b", "boot_seed",
        "ttft_p50_a", "ttft_p50_b", "ttft_p95_a", "ttft_p95_b", "latency_p50_a", "latency_p50_b", "latency_p95_a", "latency_p95_b",
        "prompt_tokens_a", "prompt_tokens_b", "cached_tokens_a", "cached_tokens_b", "completion_tokens_a", "completion_tokens_b",
        "cost_a", "cost_b", "published_a", "published_b",
    ];

    /// <summary>Text columns (protected against CSV injection); every other column is a number.</summary>
    private static readonly HashSet<string> TextColumns = new(StringComparer.Ordinal) { "eval", "group", "side_a", "side_b", "method", "significant", "warning" };

    public static readonly IReadOnlySet<string> NumericColumns = Columns.Where(c => !TextColumns.Contains(c)).ToHashSet(StringComparer.Ordinal);

    public static void Write(string path, ComparisonReport report) =>
        CsvTable.Write(path, Columns, report.Rows.Select(Cells), NumericColumns);

    private static IEnumerable<string> Cells(ComparisonRow r) =>
    [
        r.Eval, r.Group, r.SideA, r.SideB, Cell.Of(r.NPaired), Cell.Of(r.NUnpairedA), Cell.Of(r.NUnpairedB),
        Cell.Of(r.A.NErrors), Cell.Of(r.B.NErrors),
        Cell.Of(r.MeanA), Cell.Of(r.MeanB), Cell.Of(r.Diff), Cell.Of(r.Ci95Low), Cell.Of(r.Ci95High),
        P(r.PValue), P(r.PHolm), Cell.Of(r.Mde), Cell.Of(r.Correlation), r.Method, Cell.Of(r.Significant), r.Warning,
        Cell.Of(r.Bootstrap?.Low), Cell.Of(r.Bootstrap?.High), Cell.Of(r.Bootstrap?.Replicates),
        r.Bootstrap is null ? "" : r.Bootstrap.Seed.ToString(CultureInfo.InvariantCulture),
        Cell.Ms(r.A.TtftP50), Cell.Ms(r.B.TtftP50), Cell.Ms(r.A.TtftP95), Cell.Ms(r.B.TtftP95),
        Cell.Ms(r.A.LatencyP50), Cell.Ms(r.B.LatencyP50), Cell.Ms(r.A.LatencyP95), Cell.Ms(r.B.LatencyP95),
        Cell.Of(r.A.PromptTokens), Cell.Of(r.B.PromptTokens), Cell.Of(r.A.CachedTokens), Cell.Of(r.B.CachedTokens),
        Cell.Of(r.A.CompletionTokens), Cell.Of(r.B.CompletionTokens),
        Cell.Of(r.A.CostUsd), Cell.Of(r.B.CostUsd),
        Cell.Of(r.A.Published?.ValuePercent), Cell.Of(r.B.Published?.ValuePercent),
    ];

    /// <summary>p-values in round-trip form (fixed decimals would print a tiny p as 0).</summary>
    internal static string P(double p, string format = Cell.RoundTrip) => double.IsFinite(p) ? p.ToString(format, CultureInfo.InvariantCulture) : "";
}
