using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting.Comparison;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.RunFolders;
using Row = EvalHarness.Core.Tests.Reporting.Comparison.SamplesCsvBuilder.Row;
using static EvalHarness.Core.Tests.Reporting.Comparison.ReferenceData;

namespace EvalHarness.Core.Tests.Reporting.Comparison;

public sealed class ComparisonEngineTests : IDisposable
{
    private readonly SamplesCsvBuilder _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>200 pass/fail samples in groups g0/g1; the baseline passes even ids, the better model also every id ≡ 1 (mod 4).</summary>
    private static IEnumerable<Row> PassFail(string run, string model, bool better, int errorsFrom = int.MaxValue) =>
        Enumerable.Range(0, 200).Select(i => i >= errorsFrom
            ? new Row(run, model, "niah", $"s{i}", $"g{i % 2}", null, ErrorKind: "timeout", Prompt: null, Completion: null, Ttft: null, Latency: null)
            : new Row(run, model, "niah", $"s{i}", $"g{i % 2}", i % 2 == 0 || (better && i % 4 == 1) ? 1 : 0));

    [Fact]
    public void ClearlyBetterModelIsSignificantWithTheRightSign()
    {
        var a = _files.Write("run-a", PassFail("run-a", "base", better: false));
        var b = _files.Write("run-b", PassFail("run-b", "better", better: true));
        var report = ComparisonEngine.Compare([a, b]);
        var all = Assert.Single(report.Rows, r => r.IsAggregate);
        Assert.Equal(("base", "better", 200), (all.SideA, all.SideB, all.NPaired));
        Assert.Equal(0.5, all.MeanA, 12);
        Assert.Equal(0.75, all.MeanB, 12);
        Assert.Equal(0.25, all.Diff, 12);
        Assert.Equal("mcnemar_chi2", all.Method);
        // b = 0, c = 50: chi2 = 49²/50 = 48.02, p = erfc(sqrt(24.01)) (Python math.erfc).
        Assert.Equal(4.218936524005766e-12, all.PValue, 1e-21);
        Assert.True(all.Significant);
        Assert.True(all.Ci95Low > 0);

        var reversed = ComparisonEngine.Compare([a, b], new ComparisonOptions { Baseline = "better" });
        var back = Assert.Single(reversed.Rows, r => r.IsAggregate);
        Assert.Equal(("better", "base", -0.25), (back.SideA, back.SideB, back.Diff));
        Assert.True(back.Significant);
    }

    [Fact]
    public void GroupCellsAreComparedAndHolmAdjustedWithinTheEval()
    {
        var a = _files.Write("run-a", PassFail("run-a", "base", better: false));
        var b = _files.Write("run-b", PassFail("run-b", "better", better: true));
        var report = ComparisonEngine.Compare([a, b]);
        Assert.Equal(["g0", "g1", "all"], report.Rows.Select(r => r.Group).ToArray());
        var g0 = report.Rows[0];
        var g1 = report.Rows[1];
        // g0 holds the even ids: both pass all of them. g1: baseline 0/100, better 50/100 → c = 50, b = 0.
        Assert.Equal((0.0, 1.0), (g0.Diff, g0.PValue));
        Assert.Equal(0.5, g1.Diff, 12);
        Assert.Equal(Math.Min(1, 2 * g1.PValue), g1.PHolm, 15); // m = 2 and it is the smaller p
        Assert.Equal(1.0, g0.PHolm);
        Assert.False(g0.Significant);
    }

    [Fact]
    public void SameScoresTwiceAreNotSignificant()
    {
        var ds = Json["datasets"]!["continuous"]!;
        var scores = Doubles(ds["a"]);
        var rows = scores.Select((s, i) => new Row("run-x", "m", "mrcr", $"id{i}", "bin1", s)).ToList();
        var path = _files.Write("run-x", rows);
        var report = ComparisonEngine.Compare([path, path]);
        var all = Assert.Single(report.Rows, r => r.IsAggregate);
        Assert.Equal(("m@run-x#1", "m@run-x#2"), (all.SideA, all.SideB));
        Assert.Equal(0, all.Diff);
        Assert.Equal(1, all.PValue);
        Assert.False(all.Significant);
        Assert.Equal((0.0, 0.0), (all.Bootstrap!.Low, all.Bootstrap.High));
    }

    [Fact]
    public void ContinuousScoresMatchTheReferencePairedTAndBootstrap()
    {
        var ds = Json["datasets"]!["continuous"]!;
        var expected = Json["paired"]!["continuous"]!;
        var boot = Json["bootstrap"]!["continuous"]!;
        var a = _files.Write("a", Doubles(ds["a"]).Select((s, i) => new Row("a", "m1", "mrcr", $"id{i}", "bin1", s)));
        var b = _files.Write("b", Doubles(ds["b"]).Select((s, i) => new Row("b", "m2", "mrcr", $"id{i}", "bin1", s)));
        var report = ComparisonEngine.Compare([a, b], new ComparisonOptions { Seed = boot["seed"]!.GetValue<ulong>() });
        var all = Assert.Single(report.Rows, r => r.IsAggregate);
        Assert.Equal("paired_t+bootstrap", all.Method);
        Assert.Equal(D(expected, "diff"), all.Diff, 1e-9);
        Assert.Equal(D(expected, "ci_low"), all.Ci95Low, 1e-9);
        Assert.Equal(D(expected, "ci_high"), all.Ci95High, 1e-9);
        Assert.Equal(D(expected, "p"), all.PValue, 1e-9);
        Assert.Equal(D(expected, "mde"), all.Mde, 1e-9);
        Assert.Equal(D(expected, "correlation"), all.Correlation, 1e-9);
        Assert.Equal(D(boot, "ci_low"), all.Bootstrap!.Low, 1e-9);
        Assert.Equal(D(boot, "ci_high"), all.Bootstrap.High, 1e-9);
        Assert.True(all.Significant); // p = 0.0044 and the bootstrap CI excludes 0
    }

    [Fact]
    public void ClusterColumnSwitchesTheAggregateToAClusterBootstrap()
    {
        var ds = Json["datasets"]!["clustered"]!;
        var clusters = Strings(ds["clusters"]);
        var boot = Json["bootstrap"]!["clustered"]!;
        var a = _files.Write("a", Doubles(ds["a"]).Select((s, i) => new Row("a", "m1", "ifeval", $"id{i}", "x", s, Cluster: clusters[i])));
        var b = _files.Write("b", Doubles(ds["b"]).Select((s, i) => new Row("b", "m2", "ifeval", $"id{i}", "x", s, Cluster: clusters[i])));
        var all = Assert.Single(ComparisonEngine.Compare([a, b], new ComparisonOptions { Seed = 12345 }).Rows, r => r.IsAggregate);
        var clusteredT = Json["paired_clustered"]!;
        Assert.Equal("clustered_t+cluster_bootstrap", all.Method);
        Assert.Equal(D(boot, "ci_low"), all.Bootstrap!.Low, 1e-9);
        Assert.Equal(D(boot, "ci_high"), all.Bootstrap.High, 1e-9);
        Assert.Equal(D(clusteredT, "ci_low"), all.Ci95Low, 1e-9);
        Assert.Equal(D(clusteredT, "ci_high"), all.Ci95High, 1e-9);
        Assert.Equal(D(clusteredT, "p"), all.PValue, 1e-9);
        Assert.Equal(D(clusteredT, "mde"), all.Mde, 1e-9);
        // The group cell ("x") ignores clusters, as summary.csv does for group rows.
        Assert.Equal("paired_t+bootstrap", Assert.Single(ComparisonEngine.Compare([a, b]).Rows, r => !r.IsAggregate).Method);
    }

    [Fact]
    public void ClusteredPassFailAggregatesSkipMcNemarWhichAssumesIndependentPairs()
    {
        var a = _files.Write("run-a", PassFail("run-a", "base", better: false).Select(r => r with { Cluster = "p" + (int.Parse(r.SampleId[1..]) / 4) }));
        var b = _files.Write("run-b", PassFail("run-b", "better", better: true).Select(r => r with { Cluster = "p" + (int.Parse(r.SampleId[1..]) / 4) }));
        var rows = ComparisonEngine.Compare([a, b]).Rows;
        Assert.Equal("clustered_t+cluster_bootstrap", Assert.Single(rows, r => r.IsAggregate).Method);
        Assert.All(rows.Where(r => !r.IsAggregate), r => Assert.StartsWith("mcnemar", r.Method, StringComparison.Ordinal));
    }

    [Fact]
    public void ErroredSamplesAreExcludedFromPairingAndCounted()
    {
        var a = _files.Write("run-a", PassFail("run-a", "base", better: false));
        var b = _files.Write("run-b", PassFail("run-b", "better", better: true, errorsFrom: 190));
        var all = Assert.Single(ComparisonEngine.Compare([a, b]).Rows, r => r.IsAggregate);
        Assert.Equal(190, all.NPaired);
        Assert.Equal((0, 10), (all.A.NErrors, all.B.NErrors));
        Assert.Equal((200, 190), (all.A.NScored, all.B.NScored));
        // Ids 0..189: baseline passes the 95 even ones; better also 1, 5, ..., 189 (48 ids).
        Assert.Equal(95 / 190.0, all.MeanA, 12);
        Assert.Equal((95 + 48) / 190.0, all.MeanB, 12);
        Assert.Contains("10 scored sample(s) left out: no scored partner", all.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void DisjointSampleSetsFallBackToWelchWithAWarning()
    {
        var w = Json["welch"]!;
        var a = _files.Write("a", Doubles(w["a"]).Select((s, i) => new Row("a", "m1", "graphwalks", $"a{i}", "bfs", s)));
        var b = _files.Write("b", Doubles(w["b"]).Select((s, i) => new Row("b", "m2", "graphwalks", $"b{i}", "bfs", s)));
        var all = Assert.Single(ComparisonEngine.Compare([a, b]).Rows, r => r.IsAggregate);
        Assert.Equal("welch", all.Method);
        Assert.Equal((0, 25, 31), (all.NPaired, all.NUnpairedA, all.NUnpairedB));
        Assert.Contains("unpaired", all.Warning, StringComparison.Ordinal);
        Assert.Equal(D(w, "diff"), all.Diff, 1e-9);
        Assert.Equal(D(w, "p"), all.PValue, 1e-9);
        Assert.Equal(D(w, "ci_low"), all.Ci95Low, 1e-9);
        Assert.False(all.Significant);
    }

    [Fact]
    public void ACellWhoseSamplesAllErroredHasNoTestAndStaysOutOfHolm()
    {
        var a = _files.Write("run-a", PassFail("run-a", "base", better: false));
        // The candidate errors on every g1 sample (odd ids).
        var b = _files.Write("run-b", PassFail("run-b", "better", better: true)
            .Select(r => r.Group == "g1" ? r with { Score = null, ErrorKind = "server_error" } : r));
        var rows = ComparisonEngine.Compare([a, b]).Rows;
        var g1 = Assert.Single(rows, r => r.Group == "g1");
        Assert.Equal("none", g1.Method);
        Assert.True(double.IsNaN(g1.PValue) && double.IsNaN(g1.PHolm));
        Assert.Equal(100, g1.B.NErrors);
        Assert.Contains("too few scored samples", g1.Warning, StringComparison.Ordinal);
        // g0: identical passes, p = 1; with g1 out of the family, m = 1 and p_holm = p.
        Assert.Equal(1.0, Assert.Single(rows, r => r.Group == "g0").PHolm);
    }

    [Fact]
    public void OneRunFolderWithSeveralModelsComparesThemAndHolmSpansEvals()
    {
        var rows = PassFail("run-1", "gpt-4.1", better: false)
            .Concat(PassFail("run-1", "gpt-4.1-mini", better: true))
            .Concat(PassFail("run-1", "gpt-4.1-nano", better: false).Select(r => r with { Eval = "ifeval" }))
            .Concat(PassFail("run-1", "gpt-4.1", better: true).Select(r => r with { Eval = "ifeval" }))
            .ToList();
        var report = ComparisonEngine.Compare([_files.Write("run-1", rows)], new ComparisonOptions { Baseline = "gpt-4.1-mini" });
        Assert.Equal(["gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano"], report.Sides.Select(s => s.Label).ToArray());
        var aggregates = report.Rows.Where(r => r.IsAggregate).ToList();
        // mini vs 4.1 on niah and on ifeval (4.1 only); mini has no ifeval rows, nano no niah rows.
        Assert.Equal([("niah", "gpt-4.1")], aggregates.Select(r => (r.Eval, r.SideB)).ToArray());
        Assert.Contains(report.Notes, n => n.Contains("ifeval", StringComparison.Ordinal));
        Assert.Equal(-0.25, aggregates[0].Diff, 12);
    }

    [Fact]
    public void TokensLatencyAndCostAreReportedPerSide()
    {
        var a = _files.Write("a", Enumerable.Range(0, 4).Select(i => new Row("a", "gpt-4.1", "niah", $"s{i}", "g", 1, Prompt: 1000, Cached: 400, Completion: 100, Ttft: 100 * (i + 1), Latency: 1000 * (i + 1))));
        var b = _files.Write("b", Enumerable.Range(0, 4).Select(i => new Row("b", "gpt-4.1-nano", "niah", $"s{i}", "g", i == 0 ? 0 : 1, Prompt: 1000, Cached: 0, Completion: 50)));
        var all = Assert.Single(ComparisonEngine.Compare([a, b]).Rows, r => r.IsAggregate);
        // TTFT 100..400: p50 = 250, p95 = 385 (numpy linear); latency 1000..4000: p50 2500, p95 3850.
        Assert.Equal(250.0, all.A.TtftP50!.Value, 9);
        Assert.Equal(385.0, all.A.TtftP95!.Value, 9);
        Assert.Equal(2500.0, all.A.LatencyP50!.Value, 9);
        Assert.Equal(3850.0, all.A.LatencyP95!.Value, 9);
        Assert.Equal((4000L, 1600L, 400L), (all.A.PromptTokens, all.A.CachedTokens, all.A.CompletionTokens));
        // gpt-4.1: 4 × (600 × 2 + 400 × 0.5 + 100 × 8) / 1M = 4 × 2,200 / 1M; nano: 4 × (1000 × 0.1 + 50 × 0.4) / 1M = 4 × 120 / 1M.
        Assert.Equal(0.0088, all.A.CostUsd!.Value, 12);
        Assert.Equal(0.00048, all.B.CostUsd!.Value, 12);
    }

    [Fact]
    public void PublishedValuesAppearBesideTheMeasuredCell()
    {
        var dir = Path.Combine(_files.Root, "published");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "openai.csv"), "eval,cell,model,value_percent,source,date\nniah,all,better,57.2,post,2025-04-14\nniah,all,base,-,post,2025-04-14\n");
        var a = _files.Write("run-a", PassFail("run-a", "base", better: false));
        var b = _files.Write("run-b", PassFail("run-b", "better", better: true));
        var report = ComparisonEngine.Compare([a, b], new ComparisonOptions { Published = PublishedResults.Load(dir) });
        var all = Assert.Single(report.Rows, r => r.IsAggregate);
        Assert.Null(all.A.Published);
        Assert.Equal(57.2, all.B.Published!.ValuePercent);
        Assert.Contains("published 57.2%", ComparisonMarkdown.Render(report), StringComparison.Ordinal);
        Assert.Same(PublishedResults.Empty, PublishedResults.Load(Path.Combine(_files.Root, "absent")));
    }

    [Fact]
    public void MissingColumnsAndBadNumbersNameFileLineAndColumn()
    {
        var dir = Path.Combine(_files.Root, "bad");
        Directory.CreateDirectory(dir);
        var missing = Path.Combine(dir, "missing.csv");
        File.WriteAllText(missing, "run_id,model,eval,sample_id,group,error_kind\nr,m,niah,s1,g,\n");
        var ex = Assert.Throws<EvalInputException>(() => RunFolderReader.Read(missing));
        Assert.Contains("missing.csv:1: missing required column 'score'", ex.Message, StringComparison.Ordinal);
        var badNumber = Path.Combine(dir, "bad.csv");
        File.WriteAllText(badNumber, "run_id,model,eval,sample_id,group,score,error_kind\nr,m,niah,s1,g,1,\nr,m,niah,s2,g,0.5x,\n");
        ex = Assert.Throws<EvalInputException>(() => RunFolderReader.Read(badNumber));
        Assert.Contains("bad.csv:3: column 'score': '0.5x'", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<EvalInputException>(() => ComparisonEngine.Compare([Path.Combine(dir, "nope")]));
        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunIdDefaultsToTheFolderNameAndEmptyScoresCountAsErrors()
    {
        var dir = Path.Combine(_files.Root, "run-2026");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "samples.csv"), "model,eval,sample_id,group,score,error_kind\nm,niah,s1,g,1,\nm,niah,s2,g,,\nm,niah,s3,g,,rate_limit\n");
        var set = RunFolderReader.Read(dir);
        Assert.All(set.Samples, r => Assert.Equal("run-2026", r.RunId));
        Assert.Equal([false, true, true], set.Samples.Select(r => r.IsError).ToArray());
    }

    [Fact]
    public void TheSameModelInTwoRunsIsLabelledByRunAndTheBaselineCanBeARunId()
    {
        var a = _files.Write("run-a", PassFail("run-a", "gpt-4.1", better: false));
        var b = _files.Write("run-b", PassFail("run-b", "gpt-4.1", better: true));
        var report = ComparisonEngine.Compare([a, b], new ComparisonOptions { Baseline = "run-b" });
        Assert.Equal("gpt-4.1@run-b", report.Baseline);
        var all = Assert.Single(report.Rows, r => r.IsAggregate);
        Assert.Equal(("gpt-4.1@run-b", "gpt-4.1@run-a", -0.25), (all.SideA, all.SideB, all.Diff));
        var ex = Assert.Throws<EvalInputException>(() => ComparisonEngine.Compare([a, b], new ComparisonOptions { Baseline = "gpt-4.1" }));
        Assert.Contains("ambiguous", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownBaselineListsTheSides()
    {
        var a = _files.Write("run-a", PassFail("run-a", "base", better: false));
        var b = _files.Write("run-b", PassFail("run-b", "better", better: true));
        var ex = Assert.Throws<EvalInputException>(() => ComparisonEngine.Compare([a, b], new ComparisonOptions { Baseline = "gpt-9" }));
        Assert.Contains("base, better", ex.Message, StringComparison.Ordinal);
    }
}
