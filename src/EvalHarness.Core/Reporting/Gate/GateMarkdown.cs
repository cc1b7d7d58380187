using System.Globalization;
using System.Text;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.Reporting.Gate;

/// <summary>gate.md: the verdict block first, then the cells, guards and notes.</summary>
public static class GateMarkdown
{
    public const string FileName = "gate.md";

    public static void Write(string path, GateReport report) => AtomicFile.Write(path, w => w.Write(Render(report)));

    /// <summary>The few lines a CI log or a morning e-mail shows first.</summary>
    public static IReadOnlyList<string> VerdictBlock(GateReport report)
    {
        var lines = new List<string>();
        var cells = report.Cells;
        lines.Add(report.Outcome switch
        {
            "GUARD" => $"GATE: GUARD TRIPPED ({report.Guards.Count} guard(s)): no statistical verdict",
            "FAIL" => $"GATE: FAIL: {cells.Count(c => c.Verdict == GateVerdict.Fail)} of {cells.Count} cell(s) regressed beyond the margin",
            "WARN" => $"GATE: PASS with {cells.Count(c => c.Verdict == GateVerdict.Warn)} warning(s) ({cells.Count} cell(s))",
            _ => $"GATE: PASS ({cells.Count} cell(s))",
        });
        foreach (var g in report.Guards) lines.Add($"  GUARD {g.Name} [{g.Subject}]: {g.Message}");
        foreach (var c in cells.Where(c => c.Verdict != GateVerdict.Pass || c.Underpowered))
        {
            var flag = c.Underpowered ? " UNDERPOWERED" : "";
            lines.Add($"  {c.Verdict.ToString().ToUpperInvariant()}{flag} {c.Name}: diff {GateEngine.Signed(c.Diff)} [{GateEngine.Signed(c.Low)}, {GateEngine.Signed(c.High)}] δ {GateEngine.Fmt(c.Delta)}");
        }
        return lines;
    }

    public static string Render(GateReport report)
    {
        var sb = new StringBuilder();
        sb.Append("# Regression gate\n\n```\n");
        foreach (var line in VerdictBlock(report)) sb.Append(line).Append('\n');
        sb.Append("```\n\n");
        sb.Append("Candidate: `").Append(report.Candidate).Append("`  \nBaseline: ")
            .Append(string.Join(", ", report.Baselines.Select(b => $"`{b}`"))).Append("\n\n");
        if (report.Guards.Count > 0)
        {
            sb.Append("## Guards tripped\n\n| guard | subject | detail |\n|---|---|---|\n");
            foreach (var g in report.Guards) sb.Append(CultureInfo.InvariantCulture, $"| {g.Name} | {Esc(g.Subject)} | {Esc(g.Message)} |\n");
            sb.Append('\n');
        }
        if (report.Cells.Count > 0)
        {
            sb.Append("## Cells (candidate − baseline)\n\n");
            sb.Append("| cell | verdict | n | baseline | candidate | diff | 95% CI | p | p Holm | Holm CI level | Holm CI | δ | MDE | method |\n");
            sb.Append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            foreach (var c in report.Cells)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"| {Esc(c.Name)} | **{c.Verdict.ToString().ToUpperInvariant()}**{(c.Underpowered ? " UNDERPOWERED" : "")} | {c.NPaired} | {F(c.MeanBaseline)} | {F(c.MeanCandidate)} | {GateEngine.Signed(c.Diff)} | ")
                  .Append(CultureInfo.InvariantCulture,
                    $"{GateEngine.Signed(c.Ci95Low)}..{GateEngine.Signed(c.Ci95High)} | {Comparison.ComparisonCsv.P(c.PValue, "G4")} | {Comparison.ComparisonCsv.P(c.PHolm, "G4")} | {GateEngine.Pct(c.CiLevel)} | ")
                  .Append(CultureInfo.InvariantCulture,
                    $"{GateEngine.Signed(c.Low)}..{GateEngine.Signed(c.High)} | {F(c.Delta)} | {F(c.Mde)} | {c.Method} |\n");
            }
            sb.Append('\n');
            foreach (var c in report.Cells)
            {
                sb.Append(CultureInfo.InvariantCulture, $"- {Esc(c.Name)}: {Esc(c.Reason)}");
                if (c.Warning.Length > 0) sb.Append(" (").Append(Esc(c.Warning)).Append(')');
                sb.Append('\n');
            }
            sb.Append('\n');
        }
        var s = report.Settings;
        sb.Append(CultureInfo.InvariantCulture,
            $"Rule: FAIL when Holm rejects the cell (α = {s.Alpha}) and the upper end of its Holm-adjusted interval (level 1 − α/(m − k + 1) for the cell of p-rank k of m) is below −δ; ");
        sb.Append("WARN on a significant drop within δ or a non-significant point estimate below −δ; UNDERPOWERED when MDE (80% power, α = 0.05) > δ. ");
        sb.Append(CultureInfo.InvariantCulture,
            $"Guards: error rate ≤ {s.MaxErrorRate}, missing ≤ {s.MaxMissingFraction}, overlap ≥ {s.MinOverlap}, same samples_sha256 and dataset version");
        if (s.MaxCostUsd is { } cost) sb.Append(CultureInfo.InvariantCulture, $", cost ≤ {cost} USD");
        if (s.MaxTtftP95Ms is { } ttft) sb.Append(CultureInfo.InvariantCulture, $", TTFT p95 ≤ {ttft} ms");
        sb.Append(".\n");
        foreach (var note in report.Notes) sb.Append("\nNote: ").Append(Esc(note)).Append('\n');
        return sb.ToString();
    }

    private static string F(double v) => GateEngine.Fmt(v);

    private static string Esc(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
}
