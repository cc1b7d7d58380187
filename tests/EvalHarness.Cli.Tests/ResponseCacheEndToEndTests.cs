using System.Text.Json.Nodes;
using EvalHarness.Core.Files;
using EvalHarness.Core.Running;
using EvalHarness.Simulator;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// The response cache end to end: the in-process CLI runs against a simulator of the test's own, whose counters show
/// what reached the server; the cache is a real SQLite file in the test's results folder (the default Cache:Path).
/// </summary>
public sealed class ResponseCacheEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Model "m" = sim-noisy (right and wrong answers) at <paramref name="server"/>, priced, no model-list check; results under the work folder.</summary>
    private static async Task<string> SettingsAsync(string work, SimulatorServer server)
    {
        var path = Path.Combine(work, "cache-settings.json");
        await File.WriteAllTextAsync(path, $$"""
            { "ResultsDir": "{{work.Replace("\\", "\\\\", StringComparison.Ordinal)}}",
              "Models": { "m": { "BaseUrl": "{{server.BaseUrl}}", "Model": "sim-noisy", "ApiKeyRef": "none", "Concurrency": 1, "MaxRetries": 0, "CheckModelList": false } },
              "Prices": { "m": { "Input": 2, "Output": 8 } } }
            """, Ct);
        return path;
    }

    private static async Task<(int Exit, string Output)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        var exit = await CliApp.RunAsync(args, null, output);
        return (exit, output.ToString());
    }

    /// <summary>NIAH at <paramref name="length"/> tokens, 3 depths: 3 samples.</summary>
    private static Task<(int Exit, string Output)> RunAsync(string settings, string dir, int length = 1000, params string[] extra) =>
        CliAsync(["run", "--cache", "--models", "m", "--evals", "niah", "-o", $"niah.context_lengths={length}", "-o", "niah.depths=0,50,100",
            "--out", dir, "--plain", "--no-history", "--config", settings, .. extra]);

    private static IReadOnlyList<Dictionary<string, string>> Samples(string dir) => CsvTable.Read(Path.Combine(dir, "samples.csv")).Rows;

    private static Dictionary<string, string> SummaryAll(string dir) =>
        CsvTable.Read(Path.Combine(dir, "summary.csv")).Rows.Single(r => r["group"] == "all");

    private static async Task<long> EntriesAsync(string settings, params string[] extra)
    {
        var (exit, output) = await CliAsync(["cache", "info", "--config", settings, .. extra]);
        Assert.Equal(0, exit);
        var line = output.Split('\n').Single(l => l.StartsWith("entries: ", StringComparison.Ordinal));
        return long.Parse(line["entries: ".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task ASecondIdenticalRunSendsNothingAndScoresTheSameWithoutLatencyOrCost()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, 0, Ct);
        var work = CliProcess.NewTempDirectory();
        var settings = await SettingsAsync(work, server);

        var first = await RunAsync(settings, Path.Combine(work, "a"));
        Assert.True(first.Exit == 0, first.Output);
        Assert.Equal(3, server.Counters.ChatRequests);
        Assert.True(File.Exists(Path.Combine(work, "cache.db")), "the cache sits next to the history db, under ResultsDir");
        Assert.Equal(3, await EntriesAsync(settings));

        var before = server.Counters.RequestsReceived;
        var second = await RunAsync(settings, Path.Combine(work, "b"));
        Assert.True(second.Exit == 0, second.Output);
        Assert.Equal(before, server.Counters.RequestsReceived); // not one HTTP request of any kind

        var a = Samples(Path.Combine(work, "a"));
        var b = Samples(Path.Combine(work, "b"));
        Assert.Equal(a.Select(r => (r["sample_id"], r["score"], r["passed"], r["completion_tokens"], r["served_model"], r["finish_reason"])),
            b.Select(r => (r["sample_id"], r["score"], r["passed"], r["completion_tokens"], r["served_model"], r["finish_reason"])));
        Assert.All(a, r => Assert.Equal(("", true, true), (r["cached_response"], r["latency_ms"].Length > 0, r["cost_usd"].Length > 0)));
        Assert.All(b, r => Assert.Equal(("true", "", "", "", "", ""), (r["cached_response"], r["ttft_ms"], r["latency_ms"], r["ttfb_ms"], r["cost_usd"], r["attempts"])));
        Assert.All(a, r => Assert.Equal("1", r["attempts"]));

        // The summary: same scores; no latency percentiles and no cost from cached answers.
        var sa = SummaryAll(Path.Combine(work, "a"));
        var sb = SummaryAll(Path.Combine(work, "b"));
        Assert.Equal((sa["n"], sa["mean_score"], sa["ci95_low"], sa["ci95_high"]), (sb["n"], sb["mean_score"], sb["ci95_low"], sb["ci95_high"]));
        Assert.NotEqual("", sa["latency_p50_ms"]);
        Assert.NotEqual("", sa["cost_usd"]);
        Assert.Equal(("", "", "", "", ""), (sb["ttft_p50_ms"], sb["ttft_p95_ms"], sb["latency_p50_ms"], sb["latency_p95_ms"], sb["cost_usd"]));

        // Journaled like any other request, with the marker; the manifest counts them.
        var journal = ResponseJournal.Read(Path.Combine(work, "b", "responses.jsonl"));
        Assert.Equal(3, journal.Count);
        Assert.All(journal, r => Assert.True(r.CachedResponse));
        Assert.Contains("\"cached_response\":true", await File.ReadAllTextAsync(Path.Combine(work, "b", "responses.jsonl"), Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("cached_response", await File.ReadAllTextAsync(Path.Combine(work, "a", "responses.jsonl"), Ct), StringComparison.Ordinal);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(work, "b", "manifest.json"), Ct))!;
        Assert.Equal(3, (int)manifest["counts"]!["cached"]!);
    }

    [Fact]
    public async Task ADifferentPromptOutputLimitOrTemperatureMissesAndWithoutCacheNothingIsRead()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, 0, Ct);
        var work = CliProcess.NewTempDirectory();
        var settings = await SettingsAsync(work, server);
        Assert.Equal(0, (await RunAsync(settings, Path.Combine(work, "a"))).Exit);
        Assert.Equal(3, server.Counters.ChatRequests);

        // Other prompts (longer haystacks): every request misses and is sent.
        Assert.Equal(0, (await RunAsync(settings, Path.Combine(work, "longer"), 1500)).Exit);
        Assert.Equal(6, server.Counters.ChatRequests);
        Assert.All(Samples(Path.Combine(work, "longer")), r => Assert.Equal("", r["cached_response"]));

        // The same prompts with another output limit: the body differs, so it misses too.
        Assert.Equal(0, (await RunAsync(settings, Path.Combine(work, "limit"), 1000, "--set", "Models:m:MaxOutputTokens=333")).Exit);
        Assert.Equal(9, server.Counters.ChatRequests);

        // ... and at another temperature (NIAH sends 0 unless told).
        Assert.Equal(0, (await RunAsync(settings, Path.Combine(work, "warm"), 1000, "-o", "niah.temperature=0.5")).Exit);
        Assert.Equal(12, server.Counters.ChatRequests);
        Assert.Equal(12, await EntriesAsync(settings));

        // Without --cache (and Cache:Enabled off) the cache is neither read nor written.
        var (exit, output) = await CliAsync("run", "--models", "m", "--evals", "niah", "-o", "niah.context_lengths=1000", "-o", "niah.depths=0,50,100",
            "--out", Path.Combine(work, "nocache"), "--plain", "--no-history", "--config", settings);
        Assert.True(exit == 0, output);
        Assert.Equal(15, server.Counters.ChatRequests);
        Assert.Equal(12, await EntriesAsync(settings));

        // Cache:Enabled=true is the same as --cache.
        (exit, output) = await CliAsync("run", "--models", "m", "--evals", "niah", "-o", "niah.context_lengths=1000", "-o", "niah.depths=0,50,100",
            "--out", Path.Combine(work, "enabled"), "--plain", "--no-history", "--config", settings, "--set", "Cache:Enabled=true");
        Assert.True(exit == 0, output);
        Assert.Equal(15, server.Counters.ChatRequests);
        Assert.All(Samples(Path.Combine(work, "enabled")), r => Assert.Equal("true", r["cached_response"]));
    }

    [Fact(Timeout = 120_000)] // a cached answer waiting for a request permit would wait an hour here
    public async Task CachedAnswersTakeNoRateLimitBudget()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, 0, TestContext.Current.CancellationToken);
        var work = CliProcess.NewTempDirectory();
        var settings = await SettingsAsync(work, server);
        Assert.Equal(0, (await RunAsync(settings, Path.Combine(work, "a"))).Exit);
        Assert.Equal(3, server.Counters.ChatRequests);

        // One request per hour: the new depth takes the only permit; the three cached answers need none.
        var (exit, output) = await CliAsync("run", "--cache", "--models", "m", "--evals", "niah", "-o", "niah.context_lengths=1000",
            "-o", "niah.depths=0,25,50,100", "--out", Path.Combine(work, "b"), "--plain", "--no-history", "--config", settings,
            "--set", "Models:m:Rpm=1", "--set", "Engine:RateLimitWindowSeconds=3600");
        Assert.True(exit == 0, output);
        Assert.Equal(4, server.Counters.ChatRequests);
        Assert.Equal(["true", "", "true", "true"], Samples(Path.Combine(work, "b")).Select(r => r["cached_response"]));
    }

    [Fact]
    public async Task ErrorsAreNeverStoredSoTheyAreSentAgain()
    {
        // A 500-token context window: every 1000-token NIAH prompt is refused (context_length, not retried).
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, ContextWindowTokens = 500 }, 0, Ct);
        var work = CliProcess.NewTempDirectory();
        var settings = await SettingsAsync(work, server);

        Assert.Equal(ExitCodes.SamplesErrored, (await RunAsync(settings, Path.Combine(work, "a"))).Exit);
        Assert.Equal(3, server.Counters.ChatRequests);
        Assert.Equal(0, await EntriesAsync(settings));

        Assert.Equal(ExitCodes.SamplesErrored, (await RunAsync(settings, Path.Combine(work, "b"))).Exit);
        Assert.Equal(6, server.Counters.ChatRequests);
        Assert.All(Samples(Path.Combine(work, "b")), r => Assert.Equal(("context_length", ""), (r["error_kind"], r["cached_response"])));
    }

    [Fact]
    public async Task TheEntryLimitEvictsTheOldestAndClearEmptiesTheCache()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, 0, Ct);
        var work = CliProcess.NewTempDirectory();
        var settings = await SettingsAsync(work, server);
        string[] limit = ["--set", "Cache:MaxEntries=2"];

        Assert.Equal(0, (await RunAsync(settings, Path.Combine(work, "a"), 1000, limit)).Exit);
        Assert.Equal(3, server.Counters.ChatRequests);
        Assert.Equal(2, await EntriesAsync(settings, limit));

        // Concurrency 1: the first sample (depth 0) was stored first and evicted first; only it is sent again (no limit now).
        Assert.Equal(0, (await RunAsync(settings, Path.Combine(work, "b"))).Exit);
        Assert.Equal(4, server.Counters.ChatRequests);
        var rows = Samples(Path.Combine(work, "b"));
        Assert.Equal(["", "true", "true"], rows.Select(r => r["cached_response"]));
        Assert.Equal(3, await EntriesAsync(settings));

        var (exit, output) = await CliAsync("cache", "clear", "--config", settings);
        Assert.Equal(0, exit);
        Assert.Contains("3 entries removed", output, StringComparison.Ordinal);
        Assert.Equal(0, await EntriesAsync(settings));
        Assert.Equal(0, (await RunAsync(settings, Path.Combine(work, "c"))).Exit);
        Assert.Equal(7, server.Counters.ChatRequests);
    }

    [Fact]
    public async Task CacheInfoOnAMissingFileCreatesNothingAndABadLimitIsOneLine()
    {
        var work = CliProcess.NewTempDirectory();
        var path = Path.Combine(work, "none.db");
        var (exit, output) = await CliAsync("cache", "info", "--path", path);
        Assert.Equal(0, exit);
        Assert.Contains("no response cache yet", output, StringComparison.Ordinal);
        Assert.False(File.Exists(path));

        (exit, output) = await CliAsync("cache", "info", "--path", path, "--set", "Cache:MaxBytes=-1");
        Assert.Equal(ExitCodes.BadInput, exit);
    }
}
