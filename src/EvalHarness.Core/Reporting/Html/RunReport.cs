using System.Text;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Reporting.Charts;
using EvalHarness.Core.Reporting.Comparison;
using EvalHarness.Core.Reporting.Pricing;

namespace EvalHarness.Core.Reporting.Html;

public sealed record RunReportOptions
{
    /// <summary>Published values shown beside matching cells; the inputs' summary.csv published_value is used when this has none.</summary>
    public PublishedResults Published { get; init; } = PublishedResults.Empty;

    /// <summary>Prices for rows without cost_usd (by model name); the frontier needs a cost per side.</summary>
    public PriceTable Prices { get; init; } = PriceTable.Defaults;

    public string Title { get; init; } = "EvalHarness report";
}

/// <summary>
/// A self-contained HTML page (inline CSS, charts as PNG data URIs, no scripts, fonts or links to load) from one or
/// more run folders or samples.csv files: NIAH heatmaps, MRCR and Graphwalks tables and charts, TTFT against prompt
/// tokens and the cost/score frontier. The same inputs give byte-identical HTML.
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
        Heatmaps = ReportTables.NiahHeatmaps(data);
        Mrcr = ReportTables.Grouped(data, "mrcr", options.Published);
        Graphwalks = ReportTables.Grouped(data, "graphwalks", options.Published);
        Frontier = FrontierTable.Build(ToSides(data), new ComparisonOptions { Prices = options.Prices, Published = options.Published });
    }

    public ReportData Data { get; }

    public RunReportOptions Options { get; }

    public IReadOnlyList<(string Side, NiahHeatmap Heatmap)> Heatmaps { get; }

    public IReadOnlyList<GroupTable> Mrcr { get; }

    public IReadOnlyList<GroupTable> Graphwalks { get; }

    public IReadOnlyList<FrontierRow> Frontier { get; }

    /// <summary>Reads the inputs (run folders or samples.csv files); bad input is an EvalInputException naming file and line.</summary>
    public static RunReport Load(IReadOnlyList<string> runFoldersOrSamplesCsv, RunReportOptions? options = null) =>
        new(ReportData.Load(runFoldersOrSamplesCsv), options ?? new RunReportOptions());

    /// <summary>The report page for the inputs.</summary>
    public static string Build(IReadOnlyList<string> runFoldersOrSamplesCsv, RunReportOptions? options = null) =>
        Load(runFoldersOrSamplesCsv, options).ToHtml();

    /// <summary>Writes the page to <paramref name="htmlPath"/> and every chart PNG beside it; returns the chart paths.</summary>
    public IReadOnlyList<string> Write(string htmlPath)
    {
        var charts = Charts();
        var paths = WriteCharts(Path.GetDirectoryName(Path.GetFullPath(htmlPath))!, charts);
        AtomicFile.Write(htmlPath, w => w.Write(ToHtml(charts)));
        return paths;
    }

    /// <summary>
    /// Every chart rendered with ScottPlot: chart_niah_&lt;model&gt;.png per model (the page shows these as tables), then
    /// the page's own charts (<see cref="PageCharts"/>).
    /// </summary>
    public IReadOnlyList<ChartImage> Charts()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var heatmaps = Heatmaps.Select(h =>
        {
            // Two labels may map to one file-safe name ("a/b", "a_b"): number the later ones.
            var stem = "chart_niah_" + HeatmapChart.FileSafe(h.Side);
            var name = stem + ".png";
            for (var k = 2; !names.Add(name); k++) name = $"{stem}_{k}.png";
            return HeatmapChart.Render(h.Side, h.Heatmap, name);
        });
        return [.. heatmaps, .. PageCharts()];
    }

    /// <summary>The charts embedded in the page: chart_mrcr.png, chart_graphwalks.png, chart_ttft.png, chart_frontier_&lt;eval&gt;.png (when priced).</summary>
    public IReadOnlyList<ChartImage> PageCharts()
    {
        var charts = new List<ChartImage?>
        {
            ReportCharts.Grouped("chart_mrcr.png", "MRCR mean score by bin and needle count", "mean score (SequenceMatcher ratio)", Mrcr),
            ReportCharts.Grouped("chart_graphwalks.png", "Graphwalks mean F1 by problem type and split", "mean F1", Graphwalks),
            ReportCharts.Ttft(Data),
        };
        return [.. charts.OfType<ChartImage>(), .. ReportCharts.Frontier(Frontier)];
    }

    /// <summary>Writes each chart as a PNG file into the folder; returns the paths written.</summary>
    public IReadOnlyList<string> WriteCharts(string outputDirectory) => WriteCharts(outputDirectory, Charts());

    /// <summary>The self-contained page (the page's charts embedded as data: URIs).</summary>
    public string ToHtml() => ToHtml(PageCharts());

    private static IReadOnlyList<string> WriteCharts(string outputDirectory, IReadOnlyList<ChartImage> charts)
    {
        Directory.CreateDirectory(outputDirectory);
        var paths = new List<string>();
        foreach (var chart in charts)
        {
            var path = Path.Combine(outputDirectory, chart.FileName);
            File.WriteAllBytes(path, chart.Png);
            paths.Add(path);
        }
        return paths;
    }

    private string ToHtml(IReadOnlyList<ChartImage> charts)
    {
        var sb = new StringBuilder();
        new ReportPage(sb, this, charts.ToDictionary(c => c.FileName, StringComparer.Ordinal)).Write();
        return sb.ToString();
    }

    private static IReadOnlyList<ComparisonSide> ToSides(ReportData data) =>
        data.Sides.Select(side =>
        {
            var rows = data.Samples.Where(s => s.Side == side).ToList();
            var records = rows.Select(s => new RunFolders.SampleRow(s.RunId, s.Model, s.Eval, "", s.Group, s.IsError ? null : s.Score, null, "", "",
                s.PromptTokens, s.CachedTokens, s.CompletionTokens, null, s.TtftMs, null, s.CostUsd, null, "", null, "", new Dictionary<string, string>())).ToList();
            return new ComparisonSide(side, rows[0].RunId, rows[0].Model, "", records);
        }).ToList();
}
