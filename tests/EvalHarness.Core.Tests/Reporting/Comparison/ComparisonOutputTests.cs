using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Comparison;
using EvalHarness.Core.Files;
using Row = EvalHarness.Core.Tests.Reporting.Comparison.SamplesCsvBuilder.Row;

namespace EvalHarness.Core.Tests.Reporting.Comparison;

public sealed class ComparisonOutputTests : IDisposable
{
    private readonly SamplesCsvBuilder _files = new();

    public void Dispose() => _files.Dispose();

    private ComparisonReport Report()
    {
        // 40 samples; the baseline passes ids 0..19, the candidate ids 0..29: c = 10, b = 0 → exact p = 2/2^10.
        var a = _files.Write("ra", Enumerable.Range(0, 40).Select(i => new Row("ra", "gpt-4.1-mini", "niah", $"s{i}", "ctx=1k", i < 20 ? 1 : 0)));
        var b = _files.Write("rb", Enumerable.Range(0, 40).Select(i => new Row("rb", "gpt-4.1", "niah", $"s{i}", "ctx=1k", i < 30 ? 1 : 0)));
        return ComparisonEngine.Compare([a, b]);
    }

    [Fact]
    public void CompareCsvIsLongFormatWithOneRowPerEvalGroupAndPair()
    {
        var report = Report();
        var path = Path.Combine(_files.Root, "out", ComparisonCsv.FileName);
        ComparisonCsv.Write(path, report);
        var (header, rows) = CsvTable.Read(path);
        Assert.Equal(ComparisonCsv.Columns, header);
        Assert.Equal(["ctx=1k", "all"], rows.Select(r => r["group"]).ToArray());
        var all = rows[1];
        Assert.Equal(("niah", "gpt-4.1-mini", "gpt-4.1", "40"), (all["eval"], all["side_a"], all["side_b"], all["n_paired"]));
        Assert.Equal(("0.5", "0.75", "0.25"), (all["mean_a"], all["mean_b"], all["diff"]));
        Assert.Equal(("0.001953125", "mcnemar_exact", "true"), (all["p_value"], all["method"], all["significant"]));
        Assert.Equal("", all["boot_b"]); // no bootstrap for pass/fail cells
        // gpt-4.1-mini: 40 × (1000 × 0.40 + 10 × 1.60) / 1M = 0.01664; gpt-4.1: 40 × (1000 × 2 + 10 × 8) / 1M = 0.0832.
        // Written in round-trip form: the sum of 40 per-sample doubles, not rounded.
        Assert.Equal(0.01664, double.Parse(all["cost_a"], System.Globalization.CultureInfo.InvariantCulture), 1e-15);
        Assert.Equal(0.0832, double.Parse(all["cost_b"], System.Globalization.CultureInfo.InvariantCulture), 1e-15);
    }

    [Fact]
    public void MarkdownShowsTheSameNumbers()
    {
        var md = ComparisonMarkdown.Render(Report());
        Assert.Contains("## niah", md, StringComparison.Ordinal);
        Assert.Contains("| **all** | gpt-4.1-mini | gpt-4.1 | 40 | 0.500 | 0.750 | +0.250 |", md, StringComparison.Ordinal);
        Assert.Contains("| 0.00195 |", md, StringComparison.Ordinal);
        Assert.Contains("**yes**", md, StringComparison.Ordinal);
        Assert.Contains("Cost frontier", md, StringComparison.Ordinal);
    }
}
