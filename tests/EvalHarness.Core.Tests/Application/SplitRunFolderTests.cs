using System.Globalization;
using System.Text;
using EvalHarness.Core.Application;
using EvalHarness.Core.History;
using EvalHarness.Core.Reporting.Comparison;
using EvalHarness.Core.Reporting.Gate;
using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Core.Reporting.Trend;
using EvalHarness.Core.RunFolders;
using Microsoft.Extensions.Configuration;

namespace EvalHarness.Core.Tests.Application;

/// <summary>
/// The same two runs written as old folders (one samples.csv with every column) and as split folders (samples.csv +
/// samples_&lt;eval&gt;.csv): compare, gate, history and trend read both through RunFolderReader and agree.
/// </summary>
public sealed class SplitRunFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("split-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Core = "run_id,model,eval,sample_id,group,score,passed,error_kind,error_message,ttft_ms,latency_ms,prompt_tokens,completion_tokens,served_model";

    /// <summary>40 NIAH samples in two cells, the candidate missing <paramref name="misses"/> of them.</summary>
    private string Write(string name, bool split, int misses, string started)
    {
        var folder = Path.Combine(_dir, split ? "split" : "old", name);
        Directory.CreateDirectory(folder);
        var core = new StringBuilder(split ? Core + "\n" : Core + ",depth_percent,context_length\n");
        var eval = new StringBuilder("run_id,model,sample_id,prompt_summary,expected,depth_percent,context_length\n");
        for (var i = 0; i < 40; i++)
        {
            var depth = i % 2 == 0 ? 0 : 100;
            var score = i < misses ? 0 : 1;
            var id = string.Create(CultureInfo.InvariantCulture, $"niah-{i:D3}");
            var row = string.Create(CultureInfo.InvariantCulture, $"{name},m,niah,{id},depth={depth},{score},{(score == 1 ? "true" : "false")},,,{100 + i},{200 + i},1000,10,m-2026");
            core.Append(row).Append(split ? "" : $",{depth},8000").Append('\n');
            eval.Append(CultureInfo.InvariantCulture, $"{name},m,{id},\"ctx 8000 tokens, needle at {depth}%\",v{i},{depth},8000\n");
        }
        File.WriteAllText(Path.Combine(folder, "samples.csv"), core.ToString());
        if (split) File.WriteAllText(Path.Combine(folder, "samples_niah.csv"), eval.ToString());
        File.WriteAllText(Path.Combine(folder, "manifest.json"),
            $$"""{"run_id":"{{name}}","suite":"nightly","status":"completed","started_utc":"{{started}}","evals":[{"name":"niah","samples_sha256":"h1"}],"models":[{"name":"m","base_url":"http://host.example/v1"}]}""");
        File.WriteAllText(Path.Combine(folder, "summary.csv"),
            $"run_id,model,eval,group,n,n_errors,mean_score,ci95_low,ci95_high\n{name},m,niah,all,40,0,{(40 - misses) / 40.0:0.000},0.5,1\n");
        return folder;
    }

    [Fact]
    public async Task OldAndSplitFoldersReadTheSameInCompareGateHistoryAndTrend()
    {
        var ct = TestContext.Current.CancellationToken;
        var config = new ConfigurationBuilder().Build();
        var results = new List<(CompareResult Compare, GateResult Gate, RecordedRun History, IReadOnlyList<TrendPoint> Trend, RunFolder Candidate)>();
        foreach (var split in new[] { false, true })
        {
            var baseline = Write("base", split, 0, "2026-12-01T02:00:00Z");
            var candidate = Write("cand", split, 12, "2026-12-02T02:00:00Z");
            var outDir = Path.Combine(_dir, split ? "split" : "old", "compare");
            var compare = CompareService.Compare(new CompareRequest { Inputs = [baseline, candidate], Out = outDir, Gate = true }, config);
            var gate = await GateService.GateAsync(new GateRequest { Candidate = candidate, Baselines = [baseline], HistoryDb = Path.Combine(_dir, "none.db") }, config, ct);
            var trend = new RunFolderTrendSource([baseline, candidate]).Load(ct);
            results.Add((compare, gate, RecordedRun.From(RunFolderReader.ReadFolder(candidate)), trend, RunFolderReader.ReadFolder(candidate)));
        }
        var (old, split_) = (results[0], results[1]);

        Assert.Equal(["niah"], split_.Candidate.EvalColumnFiles.Keys);
        Assert.Empty(old.Candidate.EvalColumnFiles);
        Assert.Equal(old.Candidate.Samples.Select(s => s.Column("depth_percent")), split_.Candidate.Samples.Select(s => s.Column("depth_percent")));
        Assert.Equal("ctx 8000 tokens, needle at 0%", split_.Candidate.Samples[0].Column("prompt_summary"));

        static string Rows(ComparisonReport r) => string.Join("\n", r.Rows.Select(x => string.Create(CultureInfo.InvariantCulture,
            $"{x.Eval}|{x.Group}|{x.NPaired}|{x.MeanA}|{x.MeanB}|{x.Diff}|{x.Ci95Low}|{x.Ci95High}|{x.PHolm}")));
        Assert.Equal(Rows(old.Compare.Report), Rows(split_.Compare.Report));
        Assert.Contains(split_.Compare.Report.Rows, r => r.Group == "all" && r.NPaired == 40 && Math.Abs(r.Diff + 0.3) < 1e-12);

        // compare --gate and gate agree, on both layouts: 12 of 40 lost is a regression.
        Assert.NotNull(split_.Compare.Gate);
        Assert.Equal(old.Gate.Report.Outcome, split_.Gate.Report.Outcome);
        Assert.Equal(split_.Gate.Report.Outcome, split_.Compare.Gate!.Outcome);
        Assert.True(split_.Gate.Report.Regression);

        Assert.Equal(old.History.Samples.Count, split_.History.Samples.Count);
        Assert.Equal("m-2026", split_.History.Samples[0].Column("served_model"));
        Assert.Equal("host.example", split_.History.Models.Single().BaseUrlHost);
        Assert.Equal(0.7, split_.History.Cells.Single().Mean);

        Assert.Equal(old.Trend.Select(p => (p.RunId, p.Mean, p.ServedModel)), split_.Trend.Select(p => (p.RunId, p.Mean, p.ServedModel)));
        Assert.Equal(["m-2026", "m-2026"], split_.Trend.Select(p => p.ServedModel)); // no served_models in the manifest: read from the rows
    }

    [Fact]
    public void ComparingAFolderWhoseEvalFileHasABadHeaderNamesTheFile()
    {
        var folder = Write("cand", split: true, 0, "2026-12-02T02:00:00Z");
        File.WriteAllText(Path.Combine(folder, "samples_niah.csv"), "run_id,model,depth_percent\ncand,m,0\n");
        var ex = Assert.Throws<EvalInputException>(() => CompareService.Compare(
            new CompareRequest { Inputs = [folder, folder], Out = Path.Combine(_dir, "c") }, new ConfigurationBuilder().Build()));
        Assert.Equal($"{Path.Combine(folder, "samples_niah.csv")}:1: missing required column 'sample_id'", ex.Message);
        Assert.False(Directory.Exists(Path.Combine(_dir, "c"))); // nothing written before the input is read
    }
}
