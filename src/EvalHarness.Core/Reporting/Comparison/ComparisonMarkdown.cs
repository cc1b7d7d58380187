using System.Globalization;
using System.Text;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.Reporting.Comparison;

/// <summary>compare.md: the same numbers as compare.csv, laid out for reading.</summary>
public static class ComparisonMarkdown
{
    public const string FileName = "compare.md";

    /// <param name="verdictBlock">With <c>compare --gate</c>: the gate's verdict lines, shown first.</param>
    public static void Write(string path, ComparisonReport report, IReadOnlyList<string>? verdictBlock = null) =>
        AtomicFile.Write(path, writer => writer.Write(Render(report, verdictBlock)));

    public static string Render(ComparisonReport report, IReadOnlyList<string>? verdictBlock = null)
    {
        var o = report.Options;
        var sb = new StringBuilder();
        sb.Append("# Comparison\n\n");
        if (verdictBlock is { Count: > 0 })
        {
            sb.Append("```\n");
            foreach (var line in verdictBlock) sb.Append(line).Append('\n');
            sb.Append("```\n\nThe gate's cells, guards and notes are in gate.md beside this file.\n\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"Baseline (A): **{Esc(report.Baseline)}**. Differences are B − A in score points (scores in [0, 1]).\n\n");
        sb.Append("| side | run | model | source |\n|---|---|---|---|\n");
        foreach (var s in report.Sides) sb.Append(CultureInfo.InvariantCulture, $"| {Esc(s.Label)} | {Esc(s.RunId)} | {Esc(s.Model)} | {Esc(s.Source)} |\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"\nTests: McNemar for independent pass/fail pairs (exact when b + c < 25), else paired t (clustered SE when samples carry a cluster) with a paired bootstrap check (B = {o.BootstrapReplicates}, seed {o.Seed}); ");
        sb.Append(CultureInfo.InvariantCulture,
            $"Welch when samples do not pair. Holm across the eval aggregate cells (and across groups within an eval), α = {o.Alpha.ToString(CultureInfo.InvariantCulture)}. MDE = smallest difference detectable at 80% power.\n");

        // Evals with comparisons first, then evals only some sides ran (they still get a frontier).
        foreach (var eval in report.Rows.Select(r => r.Eval).Concat(report.Frontier.Select(f => f.Eval)).Distinct(StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n## {Esc(eval)}\n");
            if (report.Rows.Any(r => r.Eval == eval)) AppendCells(sb, report, eval);
            AppendFrontier(sb, report, eval);
        }
        if (report.Notes.Count > 0)
        {
            sb.Append("\n## Notes\n\n");
            foreach (var n in report.Notes) sb.Append(CultureInfo.InvariantCulture, $"- {Esc(n)}\n");
        }
        return sb.ToString();
    }

    private static void AppendCells(StringBuilder sb, ComparisonReport report, string eval)
    {
        sb.Append('\n');
        sb.Append("| group | A | B | n | mean A | mean B | diff | 95% CI | p | p (Holm) | MDE | r | method | significant | warning |\n");
        sb.Append("|---|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---|---|\n");
        foreach (var r in report.Rows.Where(r => r.Eval == eval).OrderBy(r => r.IsAggregate ? 0 : 1))
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"| {(r.IsAggregate ? "**all**" : Esc(r.Group))} | {Esc(r.SideA)} | {Esc(r.SideB)} | {r.NPaired} | {F(r.MeanA)}{Pub(r.A)} | {F(r.MeanB)}{Pub(r.B)} | {Signed(r.Diff)} | {Ci(r)} | {ComparisonCsv.P(r.PValue, "G3")} | {ComparisonCsv.P(r.PHolm, "G3")} | {F(r.Mde)} | {F(r.Correlation)} | {r.Method} | {(r.Significant ? "**yes**" : "no")} | {Esc(r.Warning)} |\n");
        }
        sb.Append("\n| side | n scored | errors | TTFT p50 / p95 ms | latency p50 / p95 ms | prompt / cached / completion tokens | cost USD |\n");
        sb.Append("|---|---:|---:|---|---|---|---:|\n");
        foreach (var (label, m) in SideRows(report, eval))
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"| {Esc(label)} | {m.NScored} | {m.NErrors} | {Ms(m.TtftP50)} / {Ms(m.TtftP95)} | {Ms(m.LatencyP50)} / {Ms(m.LatencyP95)} | {m.PromptTokens} / {m.CachedTokens} / {m.CompletionTokens} | {Usd(m.CostUsd)} |\n");
        }
    }

    private static void AppendFrontier(StringBuilder sb, ComparisonReport report, string eval)
    {
        var o = report.Options;
        var frontier = report.Frontier.Where(f => f.Eval == eval).ToList();
        if (frontier.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nCost frontier (✓ = Pareto-optimal; ★ = cheapest within {o.FrontierWithinPoints.ToString(CultureInfo.InvariantCulture)} points of the best):\n\n");
            sb.Append("| side | score | cost USD | TTFT p95 ms | frontier |\n|---|---:|---:|---:|---|\n");
            foreach (var f in frontier)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"| {Esc(f.Side)} | {F(f.Score)} | {Usd(f.CostUsd)} | {Ms(f.TtftP95)} | {(f.ParetoOptimal ? "✓" : "")}{(f.CheapestWithin ? " ★" : "")} |\n");
            }
        }
    }

    /// <summary>Each side's aggregate metrics for the eval (the baseline once, then the others).</summary>
    public static IEnumerable<(string Label, SideMetrics Metrics)> SideRows(ComparisonReport report, string eval)
    {
        var aggregates = report.Rows.Where(r => r.Eval == eval && r.IsAggregate).ToList();
        if (aggregates.Count == 0) yield break;
        yield return (aggregates[0].SideA, aggregates[0].A);
        foreach (var r in aggregates) yield return (r.SideB, r.B);
    }

    private static string Ci(ComparisonRow r)
    {
        if (!double.IsFinite(r.Ci95Low)) return "-";
        var text = $"[{Signed(r.Ci95Low)}, {Signed(r.Ci95High)}]";
        return r.Bootstrap is { } b && double.IsFinite(b.Low) ? $"{text} (boot [{Signed(b.Low)}, {Signed(b.High)}])" : text;
    }

    private static string Pub(SideMetrics m) =>
        m.Published is { } p ? $" (published {p.ValuePercent.ToString("0.0", CultureInfo.InvariantCulture)}%)" : "";

    private static string F(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Signed(double v) => double.IsFinite(v) ? v.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "-";

    private static string Ms(double? v) => v is { } x ? x.ToString("0", CultureInfo.InvariantCulture) : "-";

    private static string Usd(double? v) => v is { } x ? x.ToString("0.0000", CultureInfo.InvariantCulture) : "-";

    private static string Esc(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
