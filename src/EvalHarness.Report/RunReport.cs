using System.Text;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Comparison;
using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Core;
using EvalHarness.Core.Files;

namespace EvalHarness.Report;

public sealed record RunReportOptions
{
    /// <summary>Published values shown beside matching cells; the inputs' summary.csv published_value is used when this has none.</summary>
    public PublishedResults Published { get; init; } = PublishedResults.Empty;

    /// <summary>Prices for rows without cost_usd (by model name); the frontier needs a cost per side.</summary>
    public PriceTable Prices { get; init; } = PriceTable.Defaults;

    public string Title { get; init; } = "EvalHarness report";
}

/// <summary>
/// A self-contained HTML page (inline CSS and SVG, no scripts, fonts or links to load) from one or more run folders or
/// samples.csv files: the gate's verdict when the run was gated, a model x eval overview, a section per eval drawn from
/// its <c>ReportSectionSpec</c> with a per-sample drill-down, TTFT against prompt tokens and the cost/score frontier.
/// Every model has one colour in every chart. The same inputs give byte-identical HTML.
/// </summary>
public sealed class RunReport
{
    public const string FileName = "report.html";

    /// <summary>The page's Content-Security-Policy: no scripts, fonts, frames or fetches; inline CSS and data: images only.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    private RunReport(ReportData data, RunReportOptions options)
    {
        Data = data;
        Options = options;
        Frontier = FrontierTable.Build(ToSides(data), new ComparisonOptions { Prices = options.Prices, Published = options.Published });
    }

    public ReportData Data { get; }

    public RunReportOptions Options { get; }

    public IReadOnlyList<FrontierRow> Frontier { get; }

    /// <summary>Reads the inputs (run folders or samples.csv files); bad input is an EvalInputException naming file and line.</summary>
    public static RunReport Load(IReadOnlyList<string> runFoldersOrSamplesCsv, RunReportOptions? options = null) =>
        new(ReportData.Load(runFoldersOrSamplesCsv), options ?? new RunReportOptions());

    /// <summary>The report page for the inputs.</summary>
    public static string Build(IReadOnlyList<string> runFoldersOrSamplesCsv, RunReportOptions? options = null) =>
        Load(runFoldersOrSamplesCsv, options).ToHtml();

    /// <summary>Writes the page (one file; its charts are inline SVG) atomically to <paramref name="htmlPath"/>.</summary>
    public void Write(string htmlPath) => AtomicFile.Write(htmlPath, w => w.Write(ToHtml()));

    public string ToHtml()
    {
        var sb = new StringBuilder();
        new ReportPage(sb, this).Write();
        return sb.ToString();
    }

    private static IReadOnlyList<ComparisonSide> ToSides(ReportData data) =>
        data.Sides.Select(side =>
        {
            var records = data.Samples.Where(s => s.Side == side).Select(s => s.Row with { RunId = side.RunId, Model = side.Model }).ToList();
            return new ComparisonSide(side.Label, side.RunId, side.Model, "", records);
        }).ToList();
}
