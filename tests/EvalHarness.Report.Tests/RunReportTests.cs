using System.Globalization;
using System.Text.RegularExpressions;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Core;

namespace EvalHarness.Report.Tests;

public sealed partial class RunReportTests
{
    [GeneratedRegex("<table class=\"heatmap\" data-model=\"(?<model>[^\"]+)\" data-side=\"[^\"]+\">(?<body>.*?)</table>", RegexOptions.Singleline)]
    private static partial Regex HeatmapTable();

    [GeneratedRegex("<tr><th scope=\"row\">(?<depth>[^<]+)</th>(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex HeatmapRow();

    [GeneratedRegex("<td class=\"heatmap-cell\" style=\"background:#[0-9a-f]{6}\" title=\"[^\"]*\">(?<v>[^<]+)</td>")]
    private static partial Regex HeatmapCell();

    [GeneratedRegex("<th scope=\"col\">(?<c>[^<]+)</th>")]
    private static partial Regex ColumnHeader();

    [Fact]
    public void EachModelGetsAHeatmapWithDepthZeroOnTopLengthsAscendingAndEveryValuePrinted()
    {
        var html = RunReport.Build([SyntheticRun.Write()]);

        var tables = HeatmapTable().Matches(html);
        Assert.Equal(SyntheticRun.Models, tables.Select(t => t.Groups["model"].Value));
        Assert.Equal(SyntheticRun.Models.Length * SyntheticRun.Depths.Length * SyntheticRun.Lengths.Length, Regex.Count(html, "class=\"heatmap-cell\""));
        var lengths = SyntheticRun.Lengths.Order().ToArray();
        var depths = SyntheticRun.Depths.Order().ToArray();
        foreach (Match table in tables)
        {
            var model = table.Groups["model"].Value;
            var body = table.Groups["body"].Value;
            Assert.Equal(lengths.Select(l => l.ToString(CultureInfo.InvariantCulture)), ColumnHeader().Matches(body).Select(m => m.Groups["c"].Value));
            var rows = HeatmapRow().Matches(body).ToList();
            Assert.Equal(depths.Select(d => d.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r.Groups["depth"].Value));
            Assert.Equal("0", rows[0].Groups["depth"].Value);
            for (var i = 0; i < depths.Length; i++)
            {
                var values = HeatmapCell().Matches(rows[i].Groups["cells"].Value).Select(m => m.Groups["v"].Value).ToList();
                var expected = lengths.Select(l => SyntheticRun.NiahScore(model, l, depths[i]).ToString("0.00", CultureInfo.InvariantCulture));
                Assert.Equal(expected, values);
            }
        }
        // The ramp: a 0 cell is red, a 1 cell green, and the legend names its values.
        Assert.Matches("<td class=\"heatmap-cell\" style=\"background:#f8696b\" title=\"mean 0.00[^\"]*, n 2, errors 0\">0.00</td>", html);
        Assert.Matches("<td class=\"heatmap-cell\" style=\"background:#63be7b\" title=\"mean 1.00[^\"]*\">1.00</td>", html);
        Assert.Contains("class=\"legend\"", html);
    }

    [Fact]
    public void TheSameInputGivesByteIdenticalHtmlWithNothingToFetch()
    {
        var run = SyntheticRun.Write();
        var first = RunReport.Build([run]);
        var second = RunReport.Build([run]);
        Assert.Equal(first, second);

        Assert.DoesNotContain("http://", first, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", first, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", first, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", first, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", first, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", first, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", first, StringComparison.Ordinal);
        Assert.DoesNotContain(" href=", first, StringComparison.Ordinal);
        // Every eval of the inputs has its section.
        Assert.Equal(["graphwalks", "mrcr", "niah"], Regex.Matches(first, "<section class=\"eval-section\" id=\"eval-[a-z]+\" data-eval=\"(?<e>[a-z]+)\"").Select(m => m.Groups["e"].Value));
    }

    [Fact]
    public void MrcrAndGraphwalksAreLinesPerModelAndSeriesAndTheOverviewShowsPublishedValues()
    {
        var published = new PublishedResults([new PublishedValue("graphwalks", "all", "mean F1 x100", "model-b", 61.7, "launch post", "2025-04-14", "")]);
        var report = RunReport.Load([SyntheticRun.Write()], new RunReportOptions { Published = published });
        var mrcr = ReportTables.Lines(report.Data, "mrcr", "bin_hi", "n_needles");
        Assert.Equal(["model-a · 2", "model-a · 8", "model-b · 2", "model-b · 8"], mrcr.Select(l => $"{l.Side.Label} · {l.Series}"));
        var point = mrcr[0].Points[0];
        Assert.Equal((8192.0, 0.9), (point.X, point.Stats.Mean!.Value));
        Assert.Equal((1, 1), (point.Stats.N, point.Stats.Errors)); // the errored sample is counted apart, not as 0
        Assert.Equal([8192.0, 16384.0], mrcr[0].Points.Select(p => p.X));
        // Graphwalks' spec names the token target; an old run's "bin" column stands in for it.
        var graphwalks = ReportTables.Lines(report.Data, "graphwalks", "token_target", "problem_type");
        Assert.Equal(["bfs", "parents"], graphwalks.Where(l => l.Side.Model == "model-b").Select(l => l.Series));
        Assert.Equal(2000.0, graphwalks[0].Points.Single().X);

        var html = report.ToHtml();
        Assert.Contains("<g class=\"series\" data-model=\"model-a\" data-series=\"model-a &#183; 2\">", html);
        Assert.Equal(2, Regex.Count(html, "<svg class=\"chart line-chart\""));
        // The overview pivot: the eval-level published value in its model's graphwalks cell, with the mean and its CI.
        var cell = Regex.Match(html, "<tr data-model=\"model-b\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("data-eval=\"graphwalks\"", cell);
        Assert.Contains("<span class=\"mean\">0.70</span>", cell);
        Assert.Contains("published 61.7% <span class=\"muted\">(launch post, 2025-04-14)</span>", cell);
        Assert.Equal(3, Regex.Matches(cell, "TTFT p50/p95 ").Count); // one cell per eval of the model
    }

    [Fact]
    public void WithoutPricesTheFrontierIsANoteAndWithPricesItIsACostTableAndChart()
    {
        var unpriced = RunReport.Build([SyntheticRun.Write()]);
        Assert.Contains("No prices are known for these models", unpriced);
        Assert.DoesNotContain("frontier-chart", unpriced);

        var run = SyntheticRun.Write("gpt-4.1-nano");
        var priced = RunReport.Load([run], new RunReportOptions { Prices = PriceTable.Defaults });
        var niah = priced.Frontier.Single(r => r.Eval == "niah");
        // 12 cells x 2 samples; prompt tokens 16000/1000/4000, 20 completion tokens each, at $0.10 / $0.40 per 1M.
        var expected = 8 * (16000 + 1000 + 4000) * 0.10 / 1e6 + 24 * 20 * 0.40 / 1e6;
        Assert.Equal(expected, niah.CostUsd!.Value, 12);
        var html = priced.ToHtml();
        Assert.DoesNotContain("No prices are known", html);
        Assert.Equal(3, Regex.Count(html, "<svg class=\"chart frontier-chart\""));
        Assert.Contains("cost $" + expected.ToString("0.0000", CultureInfo.InvariantCulture), html); // the overview's niah cell
    }

    [Fact]
    public void OneModelHasOneColourInEveryChartAndLegendWhateverTheInputOrder()
    {
        var html = RunReport.Build([SyntheticRun.Write()]);
        var colors = new ModelColors(["model-b", "model-a"]);
        Assert.Equal(colors.Of("model-a"), new ModelColors(["model-a", "model-b"]).Of("model-a"));
        Assert.NotEqual(colors.Of("model-a"), colors.Of("model-b"));
        foreach (var model in SyntheticRun.Models)
        {
            var groups = Regex.Matches(html, $"<g class=\"(?:series|legend-item)\" data-model=\"{model}\"[^>]*>(?<body>.*?)</g>", RegexOptions.Singleline);
            Assert.Equal(10, groups.Count); // series and legend entries: MRCR 2+2, Graphwalks 2+2, TTFT 1+1
            var used = groups.SelectMany(g => Regex.Matches(g.Groups["body"].Value, "(?:fill|stroke)=\"(?<c>#[0-9a-f]{6})\"").Select(m => m.Groups["c"].Value)).Distinct().ToList();
            Assert.Equal([colors.Of(model)], used);
        }
    }

    [Fact]
    public void ChartsAreInlineSvgAndNoChartFilesAreWritten()
    {
        var run = SyntheticRun.Write();
        var report = RunReport.Load([run]);
        var path = Path.Combine(run, RunReport.FileName);
        report.Write(path);
        Assert.Equal([RunReport.FileName, "samples.csv"], Directory.GetFiles(run).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var html = File.ReadAllText(path);
        Assert.Equal(report.ToHtml(), html);
        Assert.Equal(3, Regex.Count(html, "<svg class=\"chart ")); // MRCR, Graphwalks, TTFT
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameModelInTwoRunsIsTwoSidesAndItsScoreOverRunsHasTimeOnX()
    {
        var run1 = SyntheticRun.Write("model-a", "run1");
        var run2 = SyntheticRun.Write("model-a", "run2");
        File.WriteAllText(Path.Combine(run1, "manifest.json"), """{"run_id": "run1", "started_utc": "2026-02-02T03:00:00Z"}""");
        File.WriteAllText(Path.Combine(run2, "manifest.json"), """{"run_id": "run2", "started_utc": "2026-02-01T03:00:00Z"}""");
        var report = RunReport.Load([run1, run2]);
        Assert.Equal(["model-a@run1", "model-a@run2"], report.Data.Sides.Select(s => s.Label));
        Assert.Equal(2, ReportTables.Heatmaps(report.Data, "niah", "depth_percent_target", "context_tokens_target").Count);
        var html = report.ToHtml();
        Assert.Equal(3, Regex.Count(html, "<svg class=\"chart runs-chart\"")); // one per eval
        // x is the run's start: run2 (Feb 1) left of run1 (Feb 2), ticks as UTC dates.
        var chart = Regex.Match(html, "<svg class=\"chart runs-chart\".*?</svg>", RegexOptions.Singleline).Value;
        Assert.Contains(">02-01 03:00</text>", chart);
        Assert.True(chart.IndexOf("model-a@run2 (2026-02-01 03:00:00 UTC)", StringComparison.Ordinal) < chart.IndexOf("model-a@run1 (2026-02-02", StringComparison.Ordinal));

        var run = SyntheticRun.Write();
        var twice = RunReport.Load([run, Path.Combine(run, "samples.csv")]);
        Assert.Equal(SyntheticRun.Models, twice.Data.Sides.Select(s => s.Label));
        Assert.Equal(RunReport.Load([run]).Data.Samples.Count, twice.Data.Samples.Count);
        Assert.DoesNotContain("runs-chart", RunReport.Build([run]));
    }

    [Fact]
    public void TheManifestBesideTheSamplesIsShownAndAMalformedOneIsABadInput()
    {
        var dir = SyntheticRun.Write();
        File.WriteAllText(Path.Combine(dir, "manifest.json"), """
            {
              "run_id": "20260101-000000-default-abcd",
              "harness_version": "0.1.0",
              "git_commit": "0123456789abcdef0123",
              "suite": "default",
              "seed": 42,
              "started_utc": "2026-01-01T00:00:00+00:00",
              "status": "completed"
            }
            """);
        var report = RunReport.Load([dir]);
        var info = Assert.Single(report.Data.Sources);
        Assert.Equal(("20260101-000000-default-abcd", "42", "completed"), (info.RunId, info.Seed, info.Status));
        var html = report.ToHtml();
        Assert.Contains("<td class=\"text\">20260101-000000-default-abcd</td>", html);
        Assert.Contains("0.1.0 (0123456789ab)", html);

        File.WriteAllText(Path.Combine(dir, "manifest.json"), "{\n  \"run_id\": \"x\",\n  oops\n}");
        var ex = Assert.Throws<EvalInputException>(() => RunReport.Build([dir]));
        Assert.StartsWith($"{Path.Combine(dir, "manifest.json")}:3: not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInputNamesTheFileAndLine()
    {
        var missing = Path.Combine(Path.GetTempPath(), "evalharness-tests", "nope-" + Guid.NewGuid().ToString("N")[..8]);
        var ex = Assert.Throws<EvalInputException>(() => RunReport.Build([missing]));
        Assert.StartsWith($"{missing}: file not found", ex.Message, StringComparison.Ordinal);

        var dir = SyntheticRun.Write();
        var file = Path.Combine(dir, "samples.csv");
        var lines = File.ReadAllLines(file);
        lines[3] = string.Join(',', lines[3].Split(',').Select((c, i) => i == 13 ? "fast" : c)); // ttft_ms
        File.WriteAllLines(file, lines);
        ex = Assert.Throws<EvalInputException>(() => RunReport.Build([dir]));
        Assert.Equal($"{file}:4: column 'ttft_ms': 'fast' is not a number", ex.Message);

        File.WriteAllText(file, "model,eval\nm,niah\n");
        ex = Assert.Throws<EvalInputException>(() => RunReport.Build([dir]));
        Assert.StartsWith($"{file}:1: missing required column 'sample_id'", ex.Message, StringComparison.Ordinal);
    }
}
