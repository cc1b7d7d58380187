using System.Globalization;
using System.Text.RegularExpressions;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Html;
using EvalHarness.Core.Reporting.Pricing;

namespace EvalHarness.Core.Tests.Reporting.Html;

public sealed partial class RunReportTests
{
    [GeneratedRegex("<table class=\"heatmap\" data-model=\"(?<model>[^\"]+)\">(?<body>.*?)</table>", RegexOptions.Singleline)]
    private static partial Regex HeatmapTable();

    [GeneratedRegex("<tr><th scope=\"row\">(?<depth>[^<]+)</th>(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex HeatmapRow();

    [GeneratedRegex("<td class=\"heatmap-cell\" style=\"background:#[0-9a-f]{6}\">(?<v>[^<]+)</td>")]
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
        Assert.Contains("<td class=\"heatmap-cell\" style=\"background:#f8696b\">0.00</td>", html);
        Assert.Contains("<td class=\"heatmap-cell\" style=\"background:#63be7b\">1.00</td>", html);
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
        // Every image is inline.
        foreach (Match src in Regex.Matches(first, "src=\"(?<s>[^\"]*)\""))
            Assert.StartsWith("data:image/png;base64,", src.Groups["s"].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void MrcrAndGraphwalksTablesSortTheirKeysAndShowPublishedValues()
    {
        var published = new PublishedResults(
        [
            new PublishedValue("mrcr", "n=2;bin=4096-8192", "mean ratio x100", "model-a", 57.2, "launch post", "2025-04-14", ""),
            new PublishedValue("graphwalks", "all", "mean F1 x100", "model-b", 61.7, "launch post", "2025-04-14", ""),
        ]);
        var report = RunReport.Load([SyntheticRun.Write()], new RunReportOptions { Published = published });
        var mrcr = report.Mrcr.Single(t => t.Side == "model-a");
        Assert.Equal(["n=2", "n=8"], mrcr.RowKeys);
        Assert.Equal(["bin=4096-8192", "bin=8192-16384"], mrcr.ColumnKeys);
        var cell = mrcr["n=2", "bin=4096-8192"]!;
        Assert.Equal(0.9, cell.Mean!.Value, 9);
        Assert.Equal((1, 1), (cell.N, cell.Errors)); // the errored sample is counted apart, not as 0
        Assert.Equal(["bfs", "parents"], report.Graphwalks.Single(t => t.Side == "model-b").RowKeys);

        var html = report.ToHtml();
        Assert.Contains("0.90<span class=\"pub\" title=\"launch post, 2025-04-14\">pub model-a 57.2%</span>", html);
        Assert.Single(Regex.Matches(html, "class=\"pub\""));
        // The eval-level value sits in the overview row of its model and eval.
        Assert.Contains("<tr><th class=\"rowkey\">model-b</th><td class=\"text\">graphwalks</td><td>0.70</td><td>2</td><td>0</td><td>0</td><td class=\"text\">61.7% ", html);
    }

    [Fact]
    public void WithoutPricesTheFrontierIsANoteAndWithPricesItIsACostTableAndChart()
    {
        var unpriced = RunReport.Build([SyntheticRun.Write()]);
        Assert.Contains("No prices are known for these models", unpriced);
        Assert.DoesNotContain("chart_frontier", unpriced);

        var run = SyntheticRun.Write("gpt-4.1-nano");
        var priced = RunReport.Load([run], new RunReportOptions { Prices = PriceTable.Defaults });
        var niah = priced.Frontier.Single(r => r.Eval == "niah");
        // 12 cells x 2 samples; prompt tokens 16000/1000/4000, 20 completion tokens each, at $0.10 / $0.40 per 1M.
        var expected = 8 * (16000 + 1000 + 4000) * 0.10 / 1e6 + 24 * 20 * 0.40 / 1e6;
        Assert.Equal(expected, niah.CostUsd!.Value, 12);
        var html = priced.ToHtml();
        Assert.DoesNotContain("No prices are known", html);
        Assert.Equal(["chart_frontier_niah.png", "chart_frontier_mrcr.png", "chart_frontier_graphwalks.png"], // evals in input order
            priced.PageCharts().Select(c => c.FileName).Where(n => n.StartsWith("chart_frontier", StringComparison.Ordinal)));
        Assert.Contains("chart_frontier_niah.png", html);
    }

    [Fact]
    public void ChartsAreWrittenAsPngFiles()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "evalharness-tests", "charts-" + Guid.NewGuid().ToString("N")[..12]);
        var paths = RunReport.Load([SyntheticRun.Write()]).WriteCharts(outDir);
        Assert.Equal(["chart_niah_model-a.png", "chart_niah_model-b.png", "chart_mrcr.png", "chart_graphwalks.png", "chart_ttft.png"], paths.Select(Path.GetFileName));
        foreach (var path in paths)
        {
            var bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 1000, path);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }
    }

    [Fact]
    public void ChartsAreDeterministic()
    {
        var report = RunReport.Load([SyntheticRun.Write()]);
        var first = report.Charts();
        var second = report.Charts();
        Assert.Equal(first.Select(c => c.FileName), second.Select(c => c.FileName));
        for (var i = 0; i < first.Count; i++) Assert.True(first[i].Png.AsSpan().SequenceEqual(second[i].Png), first[i].FileName);
    }

    [Fact]
    public void TheSameModelInTwoRunsIsTwoSides()
    {
        var report = RunReport.Load([SyntheticRun.Write("model-a", "run1"), SyntheticRun.Write("model-a", "run2")]);
        Assert.Equal(["model-a@run1", "model-a@run2"], report.Data.Sides);
        Assert.Equal(2, report.Heatmaps.Count);

        var run = SyntheticRun.Write();
        var twice = RunReport.Load([run, Path.Combine(run, "samples.csv")]);
        Assert.Equal(SyntheticRun.Models, twice.Data.Sides);
        Assert.Equal(RunReport.Load([run]).Data.Samples.Count, twice.Data.Samples.Count);
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
        Assert.StartsWith($"{file}:1: missing required column 'group'", ex.Message, StringComparison.Ordinal);
    }
}
