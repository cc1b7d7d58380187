using System.Globalization;
using System.Text.Json.Nodes;
using EvalHarness.Core.Files;
using EvalHarness.Core.Running;
using EvalHarness.Core.Running.Batch;
using EvalHarness.Simulator;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// <c>run --batch</c> end to end: the in-process CLI against a simulator of the test's own, whose counters show what
/// was created and executed (each request paid once); real run folders, journals and CSVs.
/// </summary>
public sealed class BatchEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Model "m" = <paramref name="model"/> at <paramref name="server"/>, priced, fast polling; results under the work folder.</summary>
    internal static async Task<string> SettingsAsync(string work, SimulatorServer server, string model = "sim-oracle", int maxRetries = 6, string extraModel = "")
    {
        var path = Path.Combine(work, "batch-settings.json");
        await File.WriteAllTextAsync(path, $$"""
            { "ResultsDir": "{{work.Replace("\\", "\\\\", StringComparison.Ordinal)}}",
              "Models": { "m": { "BaseUrl": "{{server.BaseUrl}}", "Model": "{{model}}", "ApiKeyRef": "none", "Concurrency": 2, "MaxRetries": {{maxRetries}}, "CheckModelList": false {{extraModel}} } },
              "Prices": { "m": { "Input": 2, "Output": 8 } },
              "Batch": { "PollSeconds": 0.05, "MaxPollSeconds": 0.2 } }
            """, Ct);
        return path;
    }

    internal static async Task<(int Exit, string Output)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        var exit = await CliApp.RunAsync(args, null, output);
        return (exit, output.ToString());
    }

    /// <summary>NIAH at 1000 and 1500 tokens, 3 depths: 6 samples.</summary>
    internal static string[] Run(string settings, string dir, params string[] extra) =>
        ["run", "--models", "m", "--evals", "niah", "-o", "niah.context_lengths=1000,1500", "-o", "niah.depths=0,50,100",
            "--out", dir, "--plain", "--no-history", "--config", settings, .. extra];

    private static IReadOnlyList<Dictionary<string, string>> Samples(string dir) => CsvTable.Read(Path.Combine(dir, "samples.csv")).Rows;

    private static void AssertPaidOnce(SimulatorServer server, int requests)
    {
        Assert.Equal(requests, server.Counters.BatchLinesExecuted.Count);
        Assert.All(server.Counters.BatchLinesExecuted, kv => Assert.True(kv.Value == 1, $"{kv.Key} executed {kv.Value} times"));
    }

    [Fact]
    public async Task ABatchRunScoresLikeAStreamingRunAtHalfTheCostWithLatencyEmpty()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, 0, Ct);
        var work = CliProcess.NewTempDirectory();
        var settings = await SettingsAsync(work, server);
        var streaming = await CliAsync(Run(settings, Path.Combine(work, "stream")));
        Assert.True(streaming.Exit == 0, streaming.Output);
        var batch = await CliAsync(Run(settings, Path.Combine(work, "batch"), "--batch"));
        Assert.True(batch.Exit == 0, batch.Output);

        Assert.Equal(1, server.Counters.BatchesCreated);
        AssertPaidOnce(server, 6);
        var s = Samples(Path.Combine(work, "stream"));
        var b = Samples(Path.Combine(work, "batch"));
        Assert.Equal(s.Select(r => (r["sample_id"], r["score"], r["passed"], r["prompt_tokens"], r["completion_tokens"], r["served_model"], r["finish_reason"])),
            b.Select(r => (r["sample_id"], r["score"], r["passed"], r["prompt_tokens"], r["completion_tokens"], r["served_model"], r["finish_reason"])));
        Assert.All(b, r => Assert.Equal(("", "", "", "", "1"), (r["latency_ms"], r["ttft_ms"], r["ttfb_ms"], r["output_tokens_per_s"], r["attempts"])));
        for (var i = 0; i < s.Count; i++)
        {
            var full = double.Parse(s[i]["cost_usd"], CultureInfo.InvariantCulture);
            Assert.Equal(full / 2, double.Parse(b[i]["cost_usd"], CultureInfo.InvariantCulture), 9);
        }
        var sumStream = CsvTable.Read(Path.Combine(work, "stream", "summary.csv")).Rows.Single(r => r["group"] == "all");
        var sumBatch = CsvTable.Read(Path.Combine(work, "batch", "summary.csv")).Rows.Single(r => r["group"] == "all");
        Assert.Equal((sumStream["n"], sumStream["mean_score"]), (sumBatch["n"], sumBatch["mean_score"]));
        Assert.Equal(double.Parse(sumStream["cost_usd"], CultureInfo.InvariantCulture) / 2, double.Parse(sumBatch["cost_usd"], CultureInfo.InvariantCulture), 6);
        Assert.Equal(("", ""), (sumBatch["latency_p50_ms"], sumBatch["ttft_p50_ms"]));

        // Journals: every step of the batch, then one batch-marked response per request.
        var steps = BatchJournal.Read(Path.Combine(work, "batch", BatchJournal.FileName)).Select(r => r.Event).ToList();
        Assert.Equal([BatchJournalRecord.UploadStarted, BatchJournalRecord.Uploaded, BatchJournalRecord.CreateStarted, BatchJournalRecord.Created, BatchJournalRecord.Terminal, BatchJournalRecord.Imported], steps);
        var records = ResponseJournal.Read(Path.Combine(work, "batch", "responses.jsonl"));
        Assert.Equal(6, records.Count);
        Assert.All(records, r => Assert.True(r.Batch && r.LatencyMs is null && r.TtftMs is null));

        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(work, "batch", "manifest.json"), Ct))!;
        var m = manifest["batch"]!["m"]!;
        var only = m["batches"]!.AsArray().Single()!;
        Assert.StartsWith("batch_", (string)only["batch_id"]!, StringComparison.Ordinal);
        Assert.Equal(("completed", 6), ((string)only["status"]!, (int)only["lines"]!));
        Assert.NotNull(only["created_utc"]);
        Assert.NotNull(only["completed_utc"]);
        Assert.True((long)m["wall_seconds"]! >= 0);
    }

    [Fact]
    public async Task InputFilesAreSplitByLinesAndByTheModelsEnqueuedTokenLimit()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, 0, Ct);
        var work = CliProcess.NewTempDirectory();
        var settings = await SettingsAsync(work, server);
        var (exit, output) = await CliAsync(Run(settings, Path.Combine(work, "lines"), "--batch", "--set", "Batch:MaxLinesPerFile=4"));
        Assert.True(exit == 0, output);
        Assert.Equal(2, server.Counters.BatchesCreated); // 4 + 2

        // ~1000- and ~1500-token prompts: a 3,500-token budget holds two of them at a time.
        (exit, output) = await CliAsync(Run(settings, Path.Combine(work, "tokens"), "--batch", "--set", "Models:m:BatchEnqueuedTokens=3500"));
        Assert.True(exit == 0, output);
        var ledger = BatchLedger.Fold(BatchJournal.Read(Path.Combine(work, "tokens", BatchJournal.FileName)));
        Assert.True(ledger.Count >= 3, $"{ledger.Count} batches");
        Assert.All(ledger, e => Assert.True(e.Tokens <= 3500, $"{e.Tokens} enqueued tokens"));
        Assert.All(Samples(Path.Combine(work, "tokens")), r => Assert.Equal("", r["error_kind"]));
    }

    [Fact]
    public async Task AnExpiredBatchKeepsItsFinishedResultsAndOnlyTheRestGoesOutAgain()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, Batch = { ExpireAfterLines = 2, EmptyFileIdsAsEmptyString = true } }, 0, Ct);
        var work = CliProcess.NewTempDirectory();
        var settings = await SettingsAsync(work, server);
        var (exit, output) = await CliAsync(Run(settings, Path.Combine(work, "b"), "--batch"));
        Assert.True(exit == 0, output);
        Assert.Equal(3, server.Counters.BatchesCreated); // 2 answered per batch: 6, 4, 2 lines submitted
        AssertPaidOnce(server, 6);
        Assert.All(Samples(Path.Combine(work, "b")), r => Assert.Equal(("", "1"), (r["error_kind"], r["score"])));
        var statuses = BatchLedger.Fold(BatchJournal.Read(Path.Combine(work, "b", BatchJournal.FileName))).Select(e => (e.CustomIds.Count, e.Terminal!.Status)).ToList();
        Assert.Equal([(6, "expired"), (4, "expired"), (2, "completed")], statuses);
    }

    [Fact]
    public async Task FailedLinesAreRetriedInAFollowUpBatchWithinMaxRetriesThenBecomeErrorRows()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, Batch = { FailEveryNthLine = 3 } }, 0, Ct);
        var work = CliProcess.NewTempDirectory();
        var settings = await SettingsAsync(work, server);
        var (exit, output) = await CliAsync(Run(settings, Path.Combine(work, "retried"), "--batch"));
        Assert.True(exit == 0, output);
        // Lines 3 and 6 fail (500) and go out again in a batch of two, where neither is a 3rd line.
        Assert.Equal(2, server.Counters.BatchesCreated);
        var executed = server.Counters.BatchLinesExecuted;
        Assert.Equal(6, executed.Count);
        Assert.Equal(4, executed.Values.Count(v => v == 1));
        Assert.Equal(2, executed.Values.Count(v => v == 2));
        var rows = Samples(Path.Combine(work, "retried"));
        Assert.All(rows, r => Assert.Equal("", r["error_kind"]));
        Assert.Equal(2, rows.Count(r => r["attempts"] == "2"));

        // MaxRetries 0: the failed lines are error rows (server_error, HTTP 500), never scored.
        var noRetry = await SettingsAsync(CliProcess.NewTempDirectory(), server, maxRetries: 0);
        var dir = Path.Combine(work, "final");
        (exit, output) = await CliAsync(Run(noRetry, dir, "--batch"));
        Assert.Equal(1, exit); // samples errored
        var errors = Samples(dir).Where(r => r["error_kind"].Length > 0).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, r => Assert.Equal(("server_error", "500", ""), (r["error_kind"], r["http_status"], r["score"])));
    }

    [Fact]
    public async Task AClientErrorLineFailsFastAsAnErrorRowAndIsNeverSubmittedAgain()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, ContextWindowTokens = 5000 }, 0, Ct);
        var work = CliProcess.NewTempDirectory();
        var settings = await SettingsAsync(work, server);
        var dir = Path.Combine(work, "b");
        // 9,000-token prompts do not fit a 5,000-token window: context_length (400), not retried; the 1,000-token ones answer.
        var (exit, output) = await CliAsync("run", "--batch", "--models", "m", "--evals", "niah", "-o", "niah.context_lengths=1000,9000", "-o", "niah.depths=0,100",
            "--out", dir, "--plain", "--no-history", "--config", settings);
        Assert.Equal(1, exit);
        Assert.Equal(1, server.Counters.BatchesCreated);
        AssertPaidOnce(server, 4);
        var rows = Samples(dir);
        Assert.Equal(["", "", "context_length", "context_length"], rows.Select(r => r["error_kind"]));
        Assert.All(rows.Where(r => r["error_kind"].Length > 0), r => Assert.Equal(("400", "1", ""), (r["http_status"], r["attempts"], r["cost_usd"])));
    }

    [Fact]
    public async Task ABatchOverTheEnqueuedTokenLimitIsSplitAndALineOverItAloneIsAnErrorRow()
    {
        // Each NIAH prompt is ~1000 or ~1500 tokens + its output limit; 4,000 enqueued tokens hold at most two.
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, Batch = { EnqueuedTokenLimit = 4000 } }, 0, Ct);
        var work = CliProcess.NewTempDirectory();
        var settings = await SettingsAsync(work, server);
        var (exit, output) = await CliAsync(Run(settings, Path.Combine(work, "split"), "--batch"));
        Assert.True(exit == 0, output);
        var split = BatchLedger.Fold(BatchJournal.Read(Path.Combine(work, "split", BatchJournal.FileName)));
        Assert.Equal("token_limit_exceeded", split[0].Terminal!.ErrorCode);
        Assert.Equal((6, "failed"), (split[0].CustomIds.Count, split[0].Terminal!.Status));
        Assert.All(Samples(Path.Combine(work, "split")), r => Assert.Equal("", r["error_kind"]));
        AssertPaidOnce(server, 6);

        // A limit below one prompt: each line fails alone and becomes an error row; the run ends.
        await using var tiny = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, Batch = { EnqueuedTokenLimit = 500 } }, 0, Ct);
        var tinySettings = await SettingsAsync(CliProcess.NewTempDirectory(), tiny);
        (exit, output) = await CliAsync(Run(tinySettings, Path.Combine(work, "tiny"), "--batch"));
        Assert.Equal(1, exit);
        Assert.All(Samples(Path.Combine(work, "tiny")), r => Assert.Equal("request_too_large", r["error_kind"]));
        Assert.Empty(tiny.Counters.BatchLinesExecuted);
    }

    [Fact]
    public async Task SimulatorModelsRunInBatchModeOnTheInProcessSimulator()
    {
        var work = CliProcess.NewTempDirectory();
        var settings = Path.Combine(work, "sim-settings.json");
        await File.WriteAllTextAsync(settings, $$"""
            { "ResultsDir": "{{work.Replace("\\", "\\\\", StringComparison.Ordinal)}}",
              "Models": { "s": { "BaseUrl": "simulator", "Model": "sim-oracle" } },
              "Simulator": { "Batch": { "CompletionSeconds": 0.05 } },
              "Batch": { "PollSeconds": 0.05, "MaxPollSeconds": 0.1 } }
            """, Ct);
        var dir = Path.Combine(work, "b");
        var (exit, output) = await CliAsync("run", "--batch", "--models", "s", "--evals", "niah", "-o", "niah.context_lengths=1000", "-o", "niah.depths=0,100",
            "--out", dir, "--plain", "--no-history", "--config", settings);
        Assert.True(exit == 0, output);
        Assert.All(Samples(dir), r => Assert.Equal(("", "1", ""), (r["error_kind"], r["score"], r["latency_ms"])));
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "manifest.json"), Ct))!;
        Assert.Equal("completed", (string)manifest["batch"]!["s"]!["batches"]![0]!["status"]!);
    }

    [Fact]
    public async Task BatchWithCacheIsRefusedInOneLine()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, 0, Ct);
        var work = CliProcess.NewTempDirectory();
        var settings = await SettingsAsync(work, server);
        var (exit, _, stderr) = await CliProcess.RunAsync(work, null, Ct, Run(settings, Path.Combine(work, "b"), "--batch", "--cache"));
        Assert.Equal(2, exit);
        Assert.Equal("error: --batch cannot be combined with --cache: run the batch without the cache", stderr.Trim());
        Assert.Equal(0, server.Counters.BatchesCreated);
    }
}
