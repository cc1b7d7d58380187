using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators.Graphwalks;
using EvalHarness.Core.Files;
using EvalHarness.Core.Text;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// Opt-in (EVALHARNESS_SLOW=1): whole CLI runs over far more prompt text than 1 GB, in a child process at concurrency 8
/// against the in-process simulator (zero latency), whose peak resident set (manifest <c>machine.peak_rss_bytes</c>,
/// VmHWM on Linux: the harness and the simulator together) must stay under 1 GB. Figures go to the test output and to
/// <c>$TMPDIR/evalharness-memory-*.txt</c> (PERF.md, "Memory").
/// </summary>
public sealed class BoundedMemoryProcessTests
{
    private const long OneGb = 1L << 30;

    private static void SkipUnlessSlow()
    {
        if (Environment.GetEnvironmentVariable("EVALHARNESS_SLOW") != "1") Assert.Skip("set EVALHARNESS_SLOW=1 to run slow tests");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task AGraphwalksFileOf1_6GbRunsUnder1GbPeakRss()
    {
        SkipUnlessSlow();
        var dir = CliProcess.NewTempDirectory();
        try
        {
            var file = Path.Combine(dir, GraphwalksOfficialLoader.LongFileName.Replace(".parquet", ".jsonl", StringComparison.Ordinal));
            var (rows, bytes) = WriteGraphwalksFile(file, 1_600_000_000, minTokens: 200_000, maxTokens: 250_000);
            var (peak, scored) = await RunAsync(dir, "graphwalks", ["-o", "graphwalks.source=" + file, "-o", "graphwalks.count_tokens=false"]);
            Report("graphwalks", $"graphwalks file {bytes / 1e9:F2} GB, {rows} rows: peak RSS {peak / 1e6:F0} MB ({scored} rows scored 1)");
            Assert.Equal(rows, scored);
            Assert.True(peak < OneGb, $"peak RSS {peak} bytes");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task TheMrcrOneMillionBinRunsUnder1GbPeakRss()
    {
        SkipUnlessSlow();
        var dir = CliProcess.NewTempDirectory();
        try
        {
            // 2, 4 and 8 needles x 3 rows: 9 generated conversations of 524288-1048576 tokens.
            var (peak, scored) = await RunAsync(dir, "mrcr",
                ["-o", "mrcr.bins=524288-1048576", "-o", "mrcr.rows_per_bin=3", "-o", "mrcr.max_context_tokens=1048576"]);
            Report("mrcr", $"mrcr bin 524288-1048576, 9 conversations: peak RSS {peak / 1e6:F0} MB ({scored} rows scored 1)");
            Assert.Equal(9, scored);
            Assert.True(peak < OneGb, $"peak RSS {peak} bytes");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task PeakRssIsFlatInTheNumberOfSamples()
    {
        SkipUnlessSlow();
        var dir = CliProcess.NewTempDirectory();
        try
        {
            var peaks = new List<(int Rows, long Bytes, long Peak)>();
            foreach (var target in new[] { 50_000_000L, 200_000_000L })
            {
                var file = Path.Combine(dir, $"graphwalks-{target}.jsonl");
                var (rows, bytes) = WriteGraphwalksFile(file, target, minTokens: 60_000, maxTokens: 70_000);
                // A managed heap capped at 160 MB: holding the 4N run's prompts (~400 MB as UTF-16) would fail it.
                var (peak, scored) = await RunAsync(dir, "graphwalks", ["-o", "graphwalks.source=" + file, "-o", "graphwalks.count_tokens=false"], HeapLimit);
                Assert.Equal(rows, scored);
                peaks.Add((rows, bytes, peak));
            }
            var (n, fourN) = (peaks[0], peaks[1]);
            Report("flat", string.Create(CultureInfo.InvariantCulture,
                $"GC heap limit 160 MB; N = {n.Rows} rows ({n.Bytes / 1e6:F0} MB): peak RSS {n.Peak / 1e6:F0} MB; 4N = {fourN.Rows} rows ({fourN.Bytes / 1e6:F0} MB): peak RSS {fourN.Peak / 1e6:F0} MB"));
            // The extra 3N prompts alone would add ~300 MB in memory (UTF-16); spilled, the peak moves by a fraction.
            Assert.True(fourN.Peak - n.Peak < (fourN.Bytes - n.Bytes) / 2, $"peak grew by {(fourN.Peak - n.Peak) / 1e6:F0} MB");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static readonly Dictionary<string, string?> HeapLimit = new(StringComparer.Ordinal) { ["DOTNET_GCHeapHardLimit"] = "0xA000000" };

    /// <summary>
    /// An official-format JSONL file (prompt, answer_nodes, prompt_chars, problem_type, date_added) of at least
    /// <paramref name="targetBytes"/>: four generated graphs (bfs and parents) repeated, which the oracle answers.
    /// </summary>
    private static (int Rows, long Bytes) WriteGraphwalksFile(string path, long targetBytes, int minTokens, int maxTokens)
    {
        var generator = new GraphwalksGenerator(O200kTokenizer.Shared) { VerifyWithFullCount = false };
        var lines = new List<byte[]>();
        foreach (var (type, degree, seed) in new[] { ("bfs", 2, 1UL), ("parents", 3, 2UL), ("bfs", 4, 3UL), ("parents", 1, 4UL) })
        {
            var g = generator.Generate(new GraphwalksGraphSpec(type, minTokens, maxTokens, degree, 2, GraphwalksPromptVersion.Fixed, seed));
            var row = new JsonObject
            {
                ["prompt"] = g.Prompt,
                ["answer_nodes"] = new JsonArray(g.Answer.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
                ["prompt_chars"] = g.Prompt.Length,
                ["problem_type"] = type,
                ["date_added"] = "2025-04-01",
            };
            lines.Add(Encoding.UTF8.GetBytes(row.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) + "\n"));
        }
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        var rows = 0;
        while (stream.Length < targetBytes) stream.Write(lines[rows++ % lines.Count]);
        return (rows, stream.Length);
    }

    /// <summary>Runs the CLI on one eval with sim-oracle at concurrency 8; returns the manifest's peak RSS and the rows scored 1.</summary>
    private static async Task<(long PeakRss, int ScoredOne)> RunAsync(string dir, string eval, string[] options, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var outDir = Path.Combine(dir, "run-" + Guid.NewGuid().ToString("N")[..8]);
        string[] args =
        [
            "run", "--eval", eval, "--models", "sim-oracle", .. options, "--out", outDir, "--no-history", "--plain",
            "--set", "Models:sim-oracle:Concurrency=8",
            "--set", "Simulator:Latency:BaseTtftMs=0", "--set", "Simulator:Latency:PerPromptTokenMicroseconds=0",
            "--set", "Simulator:Latency:TokensPerSecond=100000000",
        ];
        var (code, stdout, stderr) = await CliProcess.RunAsync(dir, environment, ct, args);
        Assert.True(code == 0, $"exit {code}: {stderr}\n{stdout[^Math.Min(2000, stdout.Length)..]}");
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")))!;
        var peak = manifest["machine"]!["peak_rss_bytes"]!.GetValue<long>();
        var (_, rows) = CsvTable.Read(Path.Combine(outDir, "samples.csv"));
        return (peak, rows.Count(r => r["score"] == "1"));
    }

    private static void Report(string name, string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), $"evalharness-memory-{name}.txt"), line + "\n");
    }
}
