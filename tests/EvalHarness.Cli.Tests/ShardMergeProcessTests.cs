using System.Text.Json.Nodes;
using EvalHarness.Core.Files;
using EvalHarness.Core.Running;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// <c>run --shard k/N</c> as real processes on the simulator, then <c>merge</c>: the merged folder equals a
/// single-process run of the same plan on every column but the run id and the timings.
/// </summary>
public sealed class ShardMergeProcessTests
{
    /// <summary>Measured per request, so they differ between any two runs; every other cell must be identical.</summary>
    private static readonly HashSet<string> Timing = new(StringComparer.Ordinal)
    {
        "run_id", "ttft_p50_ms", "ttft_p95_ms", "latency_p50_ms", "latency_p95_ms", // summary.csv
        "ttft_ms", "latency_ms", "ttfb_ms", "first_reasoning_ms", "output_tokens_per_s", "started_utc", // samples.csv
    };

    private static Task<(int ExitCode, string Stdout, string Stderr)> Cli(string work, params string[] args) =>
        CliProcess.RunAsync(work, null, TestContext.Current.CancellationToken, args);

    [Fact]
    public async Task FourShardProcessesMergedEqualOneRunOfTheDefaultSuite()
    {
        var work = CliProcess.NewTempDirectory();
        var shards = Enumerable.Range(1, 4).Select(k => Path.Combine(work, $"shard{k}")).ToList();
        var runs = shards.Select((dir, i) => Cli(work, "run", "--shard", $"{i + 1}/4", "--out", dir, "--plain", "--no-history")).ToList();
        runs.Add(Cli(work, "run", "--out", Path.Combine(work, "single"), "--plain", "--no-history"));
        foreach (var (exit, stdout, stderr) in await Task.WhenAll(runs)) Assert.True(exit == 0, stdout + stderr);

        // Each shard: its own folder, shard k of 4, one plan hash; together exactly the plan's samples, none twice.
        var manifests = shards.Select(d => JsonNode.Parse(File.ReadAllText(Path.Combine(d, "manifest.json")))!).ToList();
        Assert.Equal([1, 2, 3, 4], manifests.Select(m => m["shard"]!["k"]!.GetValue<int>()));
        Assert.All(manifests, m => Assert.Equal(4, m["shard"]!["n"]!.GetValue<int>()));
        Assert.Single(manifests.Select(m => m["shard"]!["plan_sha256"]!.GetValue<string>()).Distinct());
        var shardRows = shards.SelectMany(d => CsvTable.Read(Path.Combine(d, "samples.csv")).Rows).ToList();
        var single = Path.Combine(work, "single");
        var singleRows = CsvTable.Read(Path.Combine(single, "samples.csv")).Rows;
        Assert.Equal(324, singleRows.Count);
        Assert.Equal(
            singleRows.Select(r => (r["model"], r["eval"], r["sample_id"])).Order(),
            shardRows.Select(r => (r["model"], r["eval"], r["sample_id"])).Order());
        Assert.All(shards, d => Assert.InRange(CsvTable.Read(Path.Combine(d, "samples.csv")).Rows.Count, 40, 120)); // a spread, not one shard

        var merged = Path.Combine(work, "merged");
        var (mergeExit, mergeOut, mergeErr) = await Cli(work, ["merge", .. shards.AsEnumerable().Reverse(), "--out", merged, "--no-history"]);
        Assert.True(mergeExit == 0, mergeOut + mergeErr);
        Assert.Contains("Merged 4 shards (324 results)", mergeOut, StringComparison.Ordinal);

        // summary.csv (every CI recomputed), the per-sample files and NIAH's heatmaps: same rows in the same order.
        var files = new[] { "summary.csv", "samples.csv", "samples_niah.csv", "samples_mrcr.csv", "samples_graphwalks.csv", "samples_ifeval.csv", "heatmap_niah_sim-oracle.csv", "heatmap_niah_sim-window-8k.csv" };
        foreach (var file in files) AssertSameExceptTiming(Path.Combine(single, file), Path.Combine(merged, file));
        var summary = File.ReadAllLines(Path.Combine(merged, "summary.csv"));
        Assert.True(summary.Length > 100, "summary rows");
        foreach (var eval in new[] { "niah", "mrcr", "graphwalks", "ifeval" }) Assert.Contains(summary, l => l.Contains($",{eval},", StringComparison.Ordinal));

        Assert.Equal(324, ResponseJournal.Read(Path.Combine(merged, "responses.jsonl")).Count);
        Assert.True(File.Exists(Path.Combine(merged, "report.html")));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(merged, "manifest.json")))!;
        Assert.Null(manifest["shard"]);
        Assert.Equal(324, manifest["counts"]!["planned"]!.GetValue<int>());
        Assert.Equal(manifests[0]["shard"]!["plan_sha256"]!.GetValue<string>(), manifest["plan_sha256"]!.GetValue<string>());
        Assert.Equal(4, manifest["merged_from"]!.AsArray().Count);
        // The merged manifest records the plan's samples like the single run's does.
        var singleManifest = JsonNode.Parse(File.ReadAllText(Path.Combine(single, "manifest.json")))!;
        foreach (var field in new[] { "samples", "samples_sha256", "max_output_tokens" })
        {
            Assert.Equal(
                singleManifest["evals"]!.AsArray().Select(e => e![field]!.ToJsonString()),
                manifest["evals"]!.AsArray().Select(e => e![field]!.ToJsonString()));
        }
    }

    /// <summary>Same header, same rows in the same order, every non-timing cell identical.</summary>
    private static void AssertSameExceptTiming(string expectedFile, string actualFile)
    {
        var (expectedHeader, expected) = CsvTable.Read(expectedFile);
        var (actualHeader, actual) = CsvTable.Read(actualFile);
        Assert.Equal(expectedHeader, actualHeader);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            foreach (var column in expectedHeader.Where(c => !Timing.Contains(c)))
            {
                Assert.True(
                    string.Equals(expected[i][column], actual[i][column], StringComparison.Ordinal),
                    $"{Path.GetFileName(actualFile)} row {i + 2} column {column}: '{expected[i][column]}' vs '{actual[i][column]}'");
            }
        }
    }

    [Fact]
    public async Task MergeRefusesShardsOfAnotherPlanAMissingOrRepeatedShardAndAMissingResult()
    {
        var work = CliProcess.NewTempDirectory();
        async Task<string> Shard(string name, string shard, string seed)
        {
            var dir = Path.Combine(work, name);
            var (exit, stdout, stderr) = await Cli(work, "run", "--shard", shard, "--evals", "ifeval", "--models", "sim-oracle", "--limit", "12", "--seed", seed, "--out", dir, "--plain", "--no-history");
            Assert.True(exit == 0, stdout + stderr);
            return dir;
        }
        var a = await Shard("a", "1/2", "1");
        var b = await Shard("b", "2/2", "1");
        var other = await Shard("other", "2/2", "2");
        var single = Path.Combine(work, "single");
        Assert.Equal(0, (await Cli(work, "run", "--evals", "ifeval", "--models", "sim-oracle", "--limit", "12", "--seed", "1", "--out", single, "--plain", "--no-history")).ExitCode);

        async Task Refused(string named, string contains, params string[] dirs)
        {
            var outDir = dirs.Contains(named) && named.EndsWith("merged", StringComparison.Ordinal) ? named : Path.Combine(work, "m-" + Guid.NewGuid().ToString("N")[..6]);
            var (exit, stdout, stderr) = await Cli(work, ["merge", .. dirs.Where(d => d != outDir), "--out", outDir, "--no-history"]);
            Assert.True(exit == 2, stdout + stderr);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: " + named, line, StringComparison.Ordinal);
            Assert.Contains(contains, line, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        }
        await Refused(other, "belongs to another plan", a, other);
        await Refused("merge: shard 2/2 missing", a, a);
        await Refused(a, "given twice", a, b, a);
        await Refused(single, "records no shard", single, a);
        await Refused(Path.Combine(work, "nope"), "run folder not found", a, Path.Combine(work, "nope"));

        // A shard that lost a result (e.g. cancelled before it finished): named, with how to finish it.
        var journal = Path.Combine(b, "responses.jsonl");
        var lines = File.ReadAllLines(journal);
        File.WriteAllLines(journal, lines[..^1]);
        await Refused(b, "lacks 1 result(s)", a, b);
        // Resuming the shard (its manifest says 2/2) sends only what is missing, and the merge then succeeds.
        var (resumeExit, resumeOut, resumeErr) = await Cli(work, "run", "--resume", b, "--plain", "--no-history");
        Assert.True(resumeExit == 0, resumeOut + resumeErr);
        Assert.Equal(lines.Length, ResponseJournal.Read(journal).Count);
        var merged = Path.Combine(work, "merged");
        Assert.Equal(0, (await Cli(work, "merge", a, b, "--out", merged, "--no-history")).ExitCode);
        AssertSameExceptTiming(Path.Combine(single, "summary.csv"), Path.Combine(merged, "summary.csv"));
        // A merge never overwrites a run.
        await Refused(merged, "already holds a run", a, b, merged);
    }

    [Theory]
    [InlineData("0/4", "k must be from 1 to 4")]
    [InlineData("5/4", "k must be from 1 to 4")]
    [InlineData("1/0", "N must be at least 1")]
    [InlineData("two/4", "expected k/N")]
    [InlineData("1/4/2", "expected k/N")]
    public async Task ABadShardIsOneLineAndExitCode2(string shard, string message)
    {
        var work = CliProcess.NewTempDirectory();
        var (exit, _, stderr) = await Cli(work, "run", "--shard", shard, "--evals", "ifeval", "--dry-run");
        Assert.Equal(2, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: --shard '{shard}': {message}", line, StringComparison.Ordinal);
    }
}
