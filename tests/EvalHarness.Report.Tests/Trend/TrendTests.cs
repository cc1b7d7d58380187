using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Gate;
using EvalHarness.Core.RunFolders;
using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Core.Reporting.Comparison;
using EvalHarness.Core.Reporting.Trend;
using EvalHarness.Report;
using EvalHarness.Report.Trend;
using EvalHarness.Core;
using EvalHarness.Core.Files;

namespace EvalHarness.Report.Tests.Trend;

/// <summary>Trend points from real run-folder files (summary.csv and gate.json by the project's own writers), series, drift and the page.</summary>
public sealed partial class TrendTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "trend-tests-" + Guid.NewGuid().ToString("N"));

    private sealed record Row(string Model, string Eval, double Mean, string Group = "all", double? Cost = null);

    /// <summary>A run folder: manifest.json, summary.csv (Summary's columns) and optionally samples.csv.</summary>
    private string Night(string runId, string started, Row[] rows, Dictionary<string, string[]>? served = null, string suite = "nightly", Dictionary<string, string>? samplesServed = null)
    {
        var dir = Path.Combine(_root, runId);
        Directory.CreateDirectory(dir);
        var manifest = new JsonObject { ["run_id"] = runId, ["suite"] = suite, ["started_utc"] = started, ["seed"] = 42 };
        if (served is not null)
            manifest["served_models"] = new JsonObject(served.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonArray(kv.Value.Select(v => (JsonNode?)v).ToArray()))));
        File.WriteAllText(Path.Combine(dir, "manifest.json"), manifest.ToJsonString());
        CsvTable.Write(Path.Combine(dir, "summary.csv"), Summary.Columns, rows.Select(r =>
        {
            var v = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["run_id"] = runId, ["model"] = r.Model, ["eval"] = r.Eval, ["group"] = r.Group, ["n"] = "30", ["n_errors"] = "1",
                ["mean_score"] = F(r.Mean), ["ci95_low"] = F(r.Mean - 0.1), ["ci95_high"] = F(Math.Min(1, r.Mean + 0.1)),
                ["ttft_p50_ms"] = "120.5", ["ttft_p95_ms"] = "300", ["cost_usd"] = r.Cost is { } c ? F(c) : "",
            };
            return Summary.Columns.Select(col => v.GetValueOrDefault(col, ""));
        }), Summary.NumericColumns);
        if (samplesServed is not null)
        {
            CsvTable.Write(Path.Combine(dir, "samples.csv"), ["run_id", "model", "eval", "sample_id", "group", "score", "error_kind", "served_model"],
                samplesServed.Select(kv => new[] { runId, kv.Key, "niah", "s1", "g", "1", "", kv.Value }));
        }
        return dir;
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static IReadOnlyList<TrendPoint> Load(params string[] folders) =>
        new RunFolderTrendSource(folders).Load(TestContext.Current.CancellationToken);

    /// <summary>gate.json for <paramref name="folder"/> from a real gate evaluation of model m (a drop when <paramref name="fail"/>).</summary>
    private static GateReport Gate(string folder, string runId, bool fail, bool guard = false)
    {
        double[] good = [.. Enumerable.Repeat(1.0, 40)];
        double[] bad = [.. Enumerable.Repeat(1.0, 20), .. Enumerable.Repeat(0.0, 20)];
        var report = GateEngine.Evaluate(GateRunOf(runId, "m", fail ? bad : good, guard ? "other" : "h-niah"), [GateRunOf("base", "m", good)], new GateSettings(), PriceTable.Empty);
        GateJson.Write(RunFolderTrendSource.GateJsonPath(folder), report, runId, ["base"]);
        return report;
    }

    [Fact]
    public void PointsComeFromTheAllGroupAndSeriesAreOrderedByStartTime()
    {
        var a = Night("r-a", "2026-03-03T02:00:00+00:00", [new("m", "niah", 0.9, Cost: 0.25), new("m", "niah", 0.1, Group: "ctx=1000"), new("m", "mrcr", 0.5)]);
        var b = Night("r-b", "2026-03-01T02:00:00+00:00", [new("m", "niah", 0.8), new("m", "mrcr", 0.6)]);
        var c = Night("r-c", "2026-03-02T02:00:00+00:00", [new("m", "niah", 0.7)]);
        var points = Load(a, b, c);
        Assert.Equal(5, points.Count);
        Assert.All(points, p => Assert.Equal("all", p.Group));
        var niahA = Assert.Single(points, p => p.RunId == "r-a" && p.Eval == "niah");
        Assert.Equal((0.9, 30, 1, 120.5, 300.0, 0.25), (niahA.Mean!.Value, niahA.N, niahA.NErrors, niahA.TtftP50Ms!.Value, niahA.TtftP95Ms!.Value, niahA.CostUsd!.Value));
        Assert.Equal(0.8, niahA.Ci95Low!.Value, 12);
        Assert.Null(points.Single(p => p.RunId == "r-b" && p.Eval == "niah").CostUsd);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 2, 0, 0, TimeSpan.Zero), niahA.StartedUtc);

        var series = TrendSeries.Build(points);
        Assert.Equal(["m/mrcr", "m/niah"], series.Select(s => s.Model + "/" + s.Eval).ToArray());
        var niah = series[1];
        Assert.Equal(["r-b", "r-c", "r-a"], niah.Nights.Select(n => n.Point.RunId).ToArray());
        Assert.Equal([1, 2, 3], niah.Nights.Select(n => n.Index).ToArray());
        // Night numbers are global: mrcr ran on nights 1 and 3 only.
        Assert.Equal([1, 3], series[0].Nights.Select(n => n.Index).ToArray());

        var grouped = new RunFolderTrendSource([a], "ctx=1000").Load(TestContext.Current.CancellationToken);
        Assert.Equal(0.1, Assert.Single(grouped).Mean);
    }

    [Fact]
    public void AChangedServedModelIsDriftWithBothIdsAndTheSamplesAreTheFallback()
    {
        var n1 = Night("n1", "2026-03-01T02:00:00Z", [new("m", "niah", 1), new("m", "mrcr", 1), new("k", "niah", 1)], served: new() { ["m"] = ["gpt-x-0301"], ["k"] = ["k-1"] });
        var n2 = Night("n2", "2026-03-02T02:00:00Z", [new("m", "niah", 1), new("m", "mrcr", 1), new("k", "niah", 1)], served: new() { ["m"] = ["gpt-x-0301"], ["k"] = ["k-1"] });
        // No served_models in this manifest: samples.csv says which id answered.
        var n3 = Night("n3", "2026-03-03T02:00:00Z", [new("m", "niah", 1), new("m", "mrcr", 1), new("k", "niah", 1)], samplesServed: new() { ["m"] = "gpt-x-0315", ["k"] = "k-1" });
        var n4 = Night("n4", "2026-03-04T02:00:00Z", [new("m", "niah", 1), new("m", "mrcr", 1), new("k", "niah", 1)], served: new() { ["m"] = ["gpt-x-0315"], ["k"] = ["k-1"] });
        var series = TrendSeries.Build(Load(n4, n2, n3, n1));

        foreach (var s in series.Where(s => s.Model == "m"))
        {
            Assert.Equal([false, false, true, false], s.Nights.Select(n => n.Drift).ToArray());
            var drift = s.Nights[2];
            Assert.Equal(("gpt-x-0301", "gpt-x-0315"), (drift.PreviousServedModel, drift.Point.ServedModel));
        }
        Assert.All(series.Where(s => s.Model == "k").SelectMany(s => s.Nights), n => Assert.False(n.Drift));

        var html = TrendPage.Build(Load(n1, n2, n3, n4));
        // One note per model and night, not one per eval.
        Assert.Equal(1, Regex.Count(html, "<p class=\"note drift\""));
        Assert.Contains("endpoint drift: <b>m</b> on night 3 (<code>n3</code>): served <code>gpt-x-0301</code> → <code>gpt-x-0315</code>", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(html, "<g class=\"drift-marker\">")); // m/mrcr and m/niah charts
    }

    [Fact]
    public void GateVerdictsMarkThePointsAndAForeignGateFileIsIgnored()
    {
        var n1 = Night("n1", "2026-03-01T02:00:00Z", [new("m", "niah", 1), new("other", "niah", 1)]);
        var n2 = Night("n2", "2026-03-02T02:00:00Z", [new("m", "niah", 0.5), new("other", "niah", 1)]);
        var n3 = Night("n3", "2026-03-03T02:00:00Z", [new("m", "niah", 1), new("other", "niah", 1)]);
        var n4 = Night("n4", "2026-03-04T02:00:00Z", [new("m", "niah", 1)]);
        Assert.Equal("PASS", Gate(n1, "n1", fail: false).Outcome);
        Assert.Equal("FAIL", Gate(n2, "n2", fail: true).Outcome);
        Assert.Equal("GUARD", Gate(n3, "n3", fail: false, guard: true).Outcome);
        Gate(n4, "not-n4", fail: true); // a gate.json that judged another run (a copied folder)

        var points = Load(n1, n2, n3, n4);
        string? V(string run, string model) => points.Single(p => p.RunId == run && p.Model == model).GateVerdict;
        Assert.Equal(("PASS", "FAIL", "GUARD", null), (V("n1", "m"), V("n2", "m"), V("n3", "m"), V("n4", "m")));
        Assert.Null(V("n2", "other")); // not a gate cell that night
        Assert.Equal("GUARD", V("n3", "other")); // a guard voids every verdict of the night
        Assert.True(points.Single(p => p.RunId == "n2" && p.Model == "m").Underpowered == Gate(n2, "n2", fail: true).Cells[0].Underpowered);

        var html = TrendPage.Build(points);
        Assert.Equal(7, Regex.Count(html, "<circle class=\"trend-point"));
        Assert.Single(PointRegex().Matches(html), m => m.Groups["verdict"].Value == "fail" && m.Groups["night"].Value == "2");
        Assert.Equal(2, PointRegex().Matches(html).Count(m => m.Groups["verdict"].Value == "guard"));
        Assert.Equal(1, Regex.Count(html, "<g class=\"mark-fail\">"));
        Assert.Contains("<tr><td>2</td><td class=\"text\"><code>n2</code></td><td class=\"text\">2026-03-02 02:00:00</td><td class=\"text\">nightly</td><td class=\"text\"><span class=\"badge badge-fail\">FAIL</span>", html, StringComparison.Ordinal);
    }

    /// <summary>A gate input: scores of model m on one NIAH group, as Core's gate tests build it.</summary>
    private static GateRun GateRunOf(string id, string model, double[] scores, string hash = "h-niah")
    {
        var records = scores.Select((s, i) => new SampleRow(id, model, "niah", $"niah-{i:D3}", "g", s, s >= 1, "", "", 1000, 0, 10, null, 100, 200, null, null, "", null, "",
            new Dictionary<string, string>(StringComparer.Ordinal))).ToList();
        return new GateRun(id, id + "-folder", "default", "completed", records,
            new Dictionary<string, EvalFacts>(StringComparer.Ordinal) { ["niah"] = new("niah", hash, null, []) });
    }

    [GeneratedRegex("<circle class=\"trend-point(?: verdict-(?<verdict>[a-z]+))?\" data-night=\"(?<night>\\d+)\"")]
    private static partial Regex PointRegex();

    [Fact]
    public void ThePageIsSelfContainedEscapedAndTheSameForTheSameRunsInAnyOrder()
    {
        var n1 = Night("n1", "2026-03-01T02:00:00Z", [new("<script>alert(1)</script>", "niah", 0.5, Cost: 0.001)], suite: "s");
        var n2 = Night("n2", "2026-03-02T02:00:00Z", [new("<script>alert(1)</script>", "niah", 0.6, Cost: 0.002)], suite: "s");
        var n3 = Night("n3", "2026-03-03T02:00:00Z", [new("<script>alert(1)</script>", "niah", 0.7)], suite: "other");
        var html = TrendPage.Build(Load(n1, n2, n3));
        Assert.Equal(html, TrendPage.Build(Load(n3, n1, n2, n1)));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" href=", html, StringComparison.Ordinal);
        Assert.Contains(RunReport.ContentSecurityPolicy, html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(html, "<circle class=\"trend-point"));
        Assert.Equal(6, Regex.Count(html, "<circle class=\"ttft-point")); // p50 and p95
        Assert.Equal(2, Regex.Count(html, "<circle class=\"cost-point"));
        Assert.Single(Regex.Matches(html, "<polygon class=\"ci-band\""));

        var suiteOnly = new RunFolderTrendSource([n1, n2, n3], suite: "s").Load(TestContext.Current.CancellationToken);
        Assert.Equal(["n1", "n2"], suiteOnly.Select(p => p.RunId).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void BadInputNamesTheFile()
    {
        var missing = Path.Combine(_root, "nope");
        Assert.Equal($"{missing}: run folder not found", Assert.Throws<EvalInputException>(() => Load(missing)).Message);
        var n1 = Night("n1", "2026-03-01T02:00:00Z", [new("m", "niah", 1)]);
        File.WriteAllText(Path.Combine(n1, "manifest.json"), "{\n\"run_id\": \"n1\",\n");
        Assert.StartsWith(Path.Combine(n1, "manifest.json") + ":", Assert.Throws<EvalInputException>(() => Load(n1)).Message, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(n1, "manifest.json"), "{\"run_id\": \"n1\"}");
        Assert.Contains("started_utc", Assert.Throws<EvalInputException>(() => Load(n1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NiceAxisTops() => Assert.Equal([1, 0.005, 500, 2000], new[] { 0.0, 0.0042, 320, 1000 }.Select(SvgChart.Nice).ToArray());
}
