using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators.Mrcr;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;
using EvalHarness.Core.Reporting.Comparison;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.RunFolders;
using EvalHarness.Core.Running;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.Tests.Reporting;

/// <summary>samples.csv and summary.csv: text cells protected against CSV injection, numbers exact and untouched.</summary>
public sealed class CsvCellsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "evalharness-tests", "csv-" + Guid.NewGuid().ToString("N")[..12]);

    public CsvCellsTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static readonly string[] Hostile =
    [
        "=HYPERLINK(\"http://evil.example\",\"x\")", "+1", "-2+3", "@x", "\tx", "\rx", "'already quoted", "=1+1",
    ];

    private static SampleResult Result(string model, string id, double? score, string? error = null, string? served = null) => new()
    {
        Model = model,
        Sample = new EvalSample { Id = id, Eval = "niah", Group = "g", Messages = [new ChatMessage("user", "q")] },
        Score = score is { } s ? SampleScore.Of(s, s == 1.0) : null,
        ErrorKind = error is null ? ErrorKind.None : ErrorKind.BadRequest,
        ErrorMessage = error,
        ServedModel = served,
        LatencyMs = 12.5,
    };

    [Fact]
    public void TextCellsStartingWithFormulaCharactersAreQuotedAndReadBackExactly()
    {
        var results = Hostile.Select((h, i) => Result(h, $"s{i}", i % 2 == 0 ? null : 0.5, error: i % 2 == 0 ? h : null, served: h)).ToList();
        var path = Path.Combine(_dir, "samples.csv");
        SamplesCsv.Write(path, "run", results, cost: _ => -1.5);

        var raw = File.ReadAllText(path);
        // Nothing a spreadsheet would run: every hostile text cell starts with the quote.
        Assert.Contains(",\"'=HYPERLINK(", raw); // quoted by RFC 4180 for its own quotes
        Assert.Contains(",'+1,", raw);
        Assert.Contains(",'@x,", raw);
        Assert.Contains(",'\tx", raw);
        Assert.DoesNotContain(",\tx", raw);
        Assert.DoesNotContain(",=", raw);
        Assert.DoesNotContain(",+1", raw);
        Assert.DoesNotContain(",@x", raw);
        // A number in a numeric column stays a number, sign included.
        Assert.Contains(",-1.5,", raw);
        Assert.DoesNotContain("'-1.5", raw);

        var (_, rows) = CsvTable.Read(path);
        Assert.Equal(Hostile, rows.Select(r => r["model"]));
        Assert.Equal(Hostile, rows.Select(r => r["served_model"]));
        Assert.Equal(Hostile.Where((_, i) => i % 2 == 0), rows.Where((_, i) => i % 2 == 0).Select(r => r["error_message"]));
        Assert.All(rows, r => Assert.Equal("-1.5", r["cost_usd"]));
    }

    [Fact]
    public void CompareAndReportReadTheOriginalModelNames()
    {
        var results = new[] { Result("=cmd|' /C calc'!A0", "s1", 1), Result("=cmd|' /C calc'!A0", "s2", 0), Result("@sum", "s1", 1), Result("@sum", "s2", 1) };
        var path = Path.Combine(_dir, "samples.csv");
        SamplesCsv.Write(path, "run", results);

        var set = RunFolderReader.Read(path);
        Assert.Equal(["=cmd|' /C calc'!A0", "@sum"], set.Samples.Select(r => r.Model).Distinct());
        var report = ComparisonEngine.Compare([set]);
        Assert.Equal(["=cmd|' /C calc'!A0", "@sum"], report.Sides.Select(s => s.Label));
        var compareCsv = Path.Combine(_dir, "compare.csv");
        ComparisonCsv.Write(compareCsv, report);
        Assert.Contains(",'=cmd|", File.ReadAllText(compareCsv));
        Assert.Equal("=cmd|' /C calc'!A0", CsvTable.Read(compareCsv).Rows[0]["side_a"]);

        var folder = EvalHarness.Core.RunFolders.RunFolderReader.Read(path); // the report's reader
        Assert.Equal(["=cmd|' /C calc'!A0", "@sum"], folder.Samples.Select(s => s.Model).Distinct());
    }

    [Fact]
    public void SummaryProtectsTextAndKeepsNumbers()
    {
        var results = new[] { Result("-model", "s1", 0.25), Result("-model", "s2", 1) };
        var path = Path.Combine(_dir, "summary.csv");
        Summary.Write(path, "run", Summary.Build(results));
        Assert.All(CsvTable.Read(path).Rows, r => Assert.Equal("-model", r["model"]));
        Assert.Contains(",'-model,", File.ReadAllText(path));
        Assert.Equal("0.625", CsvTable.Read(path).Rows.Single(r => r["group"] == Summary.AllGroup)["mean_score"]);
    }

    [Fact]
    public void AnMrcrRatioReadBackFromSamplesCsvIsTheInMemoryDouble()
    {
        const string hash = "a1b2c3d4e5";
        var sample = new EvalSample
        {
            Id = "m1", Eval = "mrcr", Group = "n=2;bin=0-1", Messages = [new ChatMessage("user", "q")],
            Truth = new JsonObject { ["answer"] = hash + "The quick brown fox jumps over the lazy dog, twice.", ["random_string_to_prepend"] = hash },
        };
        var evaluator = new MrcrEvaluator();
        var score = evaluator.Score(sample, hash + "The quick brown cat leaps over a lazy dog once.");
        Assert.NotEqual(Math.Round(score.Score, 6), score.Score); // six decimals would lose it
        var other = evaluator.Score(sample, hash + "A quick brown fox jumped over the lazy dogs, twice!");
        var results = new[]
        {
            new SampleResult { Model = "a", Sample = sample, Score = score },
            new SampleResult { Model = "b", Sample = sample, Score = other },
        };
        var path = Path.Combine(_dir, "samples.csv");
        SamplesCsv.WriteRun(_dir, "run", results, [new MrcrModule()]);

        var set = RunFolderReader.Read(path);
        Assert.Equal(score.Score, set.Samples[0].Score!.Value);
        Assert.Equal(other.Score, set.Samples[1].Score!.Value);
        Assert.Equal(score.Columns["score_lenient"], RunFolderReader.Read(_dir).Samples[0].Column("score_lenient"));
        // compare works on the exact values: its diff is the in-memory difference, bit for bit.
        var row = ComparisonEngine.Compare([set]).Rows.Single(r => r.Group == Summary.AllGroup);
        Assert.Equal(other.Score - score.Score, row.Diff);
        Assert.Equal(score.Score, row.MeanA);
    }

    [Fact]
    public void DoublesAreWrittenInShortestRoundTripForm()
    {
        Assert.Equal("0.1", Cell.Of(0.1));
        Assert.Equal("0.30000000000000004", Cell.Of(0.1 + 0.2));
        Assert.Equal("1E-07", Cell.Of(1e-7));
        Assert.Equal("12.3", Cell.Ms(12.34)); // display column: 0.1 ms
        foreach (var v in new[] { 1.0 / 3, Math.PI, 5e-324, 0.8571428571428571 })
            Assert.Equal(v, double.Parse(Cell.Of(v), System.Globalization.CultureInfo.InvariantCulture));
    }
}
