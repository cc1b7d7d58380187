using System.Globalization;

namespace EvalHarness.Interop.Tests;

/// <summary>What real servers do that the simulator only imitates: context overflow, a model that never stops, a crash.</summary>
[Collection(InteropCollection.Name)]
public sealed class FailureModeTests(RealServers servers)
{
    /// <summary>llama.cpp answers HTTP 400 <c>exceed_context_size_error</c>: a context_length error, never retried.</summary>
    [Fact]
    public async Task ContextOverflowIsAContextLengthErrorSentOnce()
    {
        LlamaServer.RequireBuilt();
        var ct = TestContext.Current.CancellationToken;
        var work = Cli.NewWorkDirectory();
        InteropSettings.Write(work, ("real", servers.Split!, RealServers.MaxOutputTokens));
        var runDir = Path.Combine(work, "overflow");
        // 40K o200k tokens: more than the slot's 16K tokens and than the model's 32K training context
        var result = await Cli.RunAsync(work, ct, "run", "--plain", "--models", "real", "--evals", "niah", "--out", runDir,
            "-o", "niah.context_lengths=40000", "-o", "niah.depths=50");
        Assert.True(result.ExitCode == 1, result.ToString()); // completed, some samples errored
        var row = Assert.Single(new RunFolder(runDir).Samples);
        Assert.Equal("context_length", row["error_kind"]);
        Assert.Equal("1", row["attempts"]);
        Assert.Equal("400", row["http_status"]);
    }

    /// <summary>A model that never stops: exactly the effective limit of tokens, and the truncation visible in both CSVs.</summary>
    [Fact]
    public async Task LoopingModelStopsAtTheEffectiveLimitWithFinishReasonLength()
    {
        LlamaServer.RequireBuilt();
        const int limit = 40;
        var ct = TestContext.Current.CancellationToken;
        await using var loop = await LlamaServer.StartAsync("loop", "tiny-loop", ct);
        var work = Cli.NewWorkDirectory();
        InteropSettings.Write(work, ("real-loop", loop, limit));
        var runDir = Path.Combine(work, "loop");
        var result = await Cli.RunAsync(work, ct, "run", "--plain", "--models", "real-loop", "--evals", "niah", "--out", runDir,
            "-o", "niah.context_lengths=1000", "-o", "niah.depths=25,75");
        Assert.True(result.ExitCode == 0, result.ToString());
        var folder = new RunFolder(runDir);

        var effective = folder.EffectiveMaxOutputTokens("niah", "real-loop");
        Assert.True(effective == limit, $"manifest's effective max output tokens for niah/real-loop: {effective?.ToString(CultureInfo.InvariantCulture) ?? "absent"}");
        var rows = folder.Samples;
        Assert.Equal(2, rows.Count);
        Assert.Contains("finish_reason", folder.SamplesHeader);
        Assert.All(rows, r => Assert.Equal(limit, RunFolder.Number(r, "completion_tokens")));
        Assert.All(rows, r => Assert.Equal("length", r["finish_reason"]));

        Assert.Contains("n_length", folder.SummaryHeader);
        var all = folder.Summary.Single(r => r["model"] == "real-loop" && r["eval"] == "niah" && r["group"] == "all");
        Assert.Equal("2", all["n_length"]);
    }

    /// <summary>The server dies mid-run and comes back on the same port: retries carry every sample through.</summary>
    [Fact]
    public async Task KillingAndRestartingTheServerMidRunEndsWithoutErrors()
    {
        LlamaServer.RequireBuilt();
        var ct = TestContext.Current.CancellationToken;
        // the looping model with a 160-token limit: each request takes long enough to be cut in flight
        await using var server = await LlamaServer.StartAsync("loop", "tiny-loop", ct);
        var work = Cli.NewWorkDirectory();
        InteropSettings.Write(work, ("real-restart", server, 160));
        var runDir = Path.Combine(work, "restart");
        var run = Cli.RunAsync(work, ct, "run", "--plain", "--models", "real-restart", "--evals", "niah", "--out", runDir,
            "-o", "niah.context_lengths=1000,2000", "-o", "niah.depths=0,20,40,60,80,100");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Killed while the server generates its 5th and 6th answers (slot launches in its own log).
        var launchedAtKill = await Task.Factory.StartNew(() =>
        {
            while (!run.IsCompleted && Launches(server.Log) < 5) Thread.Sleep(5);
            return Launches(server.Log);
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // (not Assert.False(..., message + await run): the message is built first, so that waited for the whole run)
        if (run.IsCompleted) Assert.Fail("the run ended before the server could be killed: " + await run);
        await server.KillAsync();
        var killedAt = clock.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        await server.RestartAsync(ct);

        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = new RunFolder(runDir).Samples;
        Assert.Equal(12, rows.Count);
        Assert.All(rows, r => Assert.Equal("", r["error_kind"]));
        Assert.True(rows.Any(r => RunFolder.Number(r, "attempts") > 1), // the kill did hit requests
            $"killed at {killedAt:0.00} s after {launchedAtKill} requests started; attempts: {string.Join(",", rows.Select(r => r["attempts"]))}\n{result}\n{server.Log}");
    }

    private static int Launches(string serverLog) =>
        System.Text.RegularExpressions.Regex.Count(serverLog, "launch_slot_: id +[0-9]+ \\| task [0-9]+ \\| processing task");
}
