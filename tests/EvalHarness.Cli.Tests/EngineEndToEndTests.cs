using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Models;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Running;
using EvalHarness.Simulator;
using EvalHarness.Core;
using EvalHarness.Core.Files;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// The engine driving the real OpenAI SDK over HTTP against the real simulator, with faults injected by the server.
/// </summary>
public sealed class EngineEndToEndTests
{
    private static EvalRequest Smoke(int samplesPerCell = 1) => new()
    {
        Seed = 7,
        Options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["context_lengths"] = "1000,2000",
            ["depths"] = "0,25,50,75,100",
            ["samples_per_cell"] = samplesPerCell.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    private static RetryPolicy FastRetries(ModelSettings m) =>
        new(m.MaxRetries, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30));

    private static async Task<(RunOutcome Outcome, string Dir)> RunAsync(
        SimulatorServer server, string model, EvalRequest request, int maxRetries, CancellationToken stop, CancellationToken abort, string? dir = null, bool resume = false)
    {
        var settings = new ModelSettings { Name = model, BaseUrl = "simulator", Concurrency = 8, MaxRetries = maxRetries, TimeoutSeconds = 30 };
        var client = new OpenAIChatModelClient(settings, server.BaseUrl, "test");
        var evaluator = new NiahEvaluator();
        dir ??= CliProcess.NewTempDirectory();
        var spec = new RunSpec
        {
            RunId = Path.GetFileName(dir),
            RunDirectory = dir,
            Models = [(settings, client, server.BaseUrl.ToString())],
            Evals = [(evaluator, request)],
            Seed = request.Seed,
            RetryPolicyFor = FastRetries,
            Resume = resume,
        };
        var plans = await RunCoordinator.LoadSamplesAsync(spec.Evals, CancellationToken.None);
        var outcome = await RunCoordinator.RunAsync(spec, plans, NullRunObserver.Instance, stop, abort);
        return (outcome, dir);
    }

    [Fact]
    public async Task InjectedFaultsAreRetriedAndEverySampleEndsExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new SimulatorOptions
        {
            Seed = 3,
            Faults = new FaultOptions
            {
                RateLimitRate = 0.15, ServerErrorRate = 0.1, ServiceUnavailableRate = 0.05,
                DropConnectionRate = 0.1, TruncatedStreamRate = 0.1, RetryAfterMs = 20,
            },
        };
        await using var server = await SimulatorServer.StartAsync(options, 0, ct);
        var (outcome, dir) = await RunAsync(server, "sim-oracle", Smoke(samplesPerCell: 3), maxRetries: 12, CancellationToken.None, CancellationToken.None);

        var (header, rows) = CsvTable.Read(Path.Combine(dir, "samples.csv"));
        Assert.Equal(SamplesCsv.CommonColumns, header.Take(SamplesCsv.CommonColumns.Count));
        Assert.Equal(30, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r["sample_id"]).Distinct().Count());
        Assert.All(rows, r => Assert.Equal("", r["error_kind"]));
        Assert.All(rows, r => Assert.Equal("1", r["score"]));
        // Faults really happened and were retried: some samples needed more than one attempt.
        Assert.Contains(rows, r => int.Parse(r["attempts"], System.Globalization.CultureInfo.InvariantCulture) > 1);
        Assert.True(server.Counters.FaultsInjected > 0);
        // The journal holds one line per finished sample.
        var journal = ResponseJournal.Read(Path.Combine(dir, "responses.jsonl"));
        Assert.Equal(30, journal.Count);
        Assert.Equal(30, journal.Select(j => j.Id).Distinct().Count());
        Assert.False(outcome.Cancelled);
    }

    [Fact]
    public async Task InsufficientQuotaFailsFastAsAnErrorRowNotAZero()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new SimulatorOptions { Seed = 5, Faults = new FaultOptions { InsufficientQuotaRate = 1.0 } };
        await using var server = await SimulatorServer.StartAsync(options, 0, ct);
        var (outcome, dir) = await RunAsync(server, "sim-oracle", Smoke(), maxRetries: 5, CancellationToken.None, CancellationToken.None);

        var (_, rows) = CsvTable.Read(Path.Combine(dir, "samples.csv"));
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal("insufficient_quota", r["error_kind"]);
            Assert.Equal("", r["score"]);
        });
        // Sent once each (never retried); the first one stops the lane, so the rest are error rows never sent.
        Assert.All(rows.Where(r => r["attempts"] != "0"), r =>
        {
            Assert.Equal("1", r["attempts"]);
            Assert.Equal("429", r["http_status"]);
        });
        Assert.Equal(server.Counters.ChatRequests, rows.Count(r => r["attempts"] == "1"));
        Assert.InRange(server.Counters.ChatRequests, 1, 8);
        var (_, summary) = CsvTable.Read(Path.Combine(dir, "summary.csv"));
        var all = Assert.Single(summary, s => s["group"] == "all");
        Assert.Equal("0", all["n"]);
        Assert.Equal("10", all["n_errors"]);
        Assert.Equal("", all["mean_score"]);
    }

    [Fact]
    public async Task CancellationKeepsFinishedWorkAndResumeSendsOnlyTheRest()
    {
        var ct = TestContext.Current.CancellationToken;
        // Slow enough that cancelling after a few results leaves most samples unsent.
        var options = new SimulatorOptions { Seed = 9, Latency = new LatencyProfile { BaseTtftMs = 150, PerPromptTokenMicroseconds = 0, TokensPerSecond = 1000 } };
        await using var server = await SimulatorServer.StartAsync(options, 0, ct);
        using var stop = new CancellationTokenSource();
        using var abort = new CancellationTokenSource();
        var settings = new ModelSettings { Name = "sim-oracle", BaseUrl = "simulator", Concurrency = 2, TimeoutSeconds = 30 };
        var dir = CliProcess.NewTempDirectory();

        // Stop sending once 3 samples finished; in-flight ones may still finish (grace), nothing is lost.
        var observer = new StopAfter(3, stop);
        var request = Smoke(samplesPerCell: 2);
        var spec = new RunSpec
        {
            RunId = "cancel-test",
            RunDirectory = dir,
            Models = [(settings, new OpenAIChatModelClient(settings, server.BaseUrl, "test"), server.BaseUrl.ToString())],
            Evals = [(new NiahEvaluator(), request)],
            Seed = request.Seed,
            RetryPolicyFor = FastRetries,
        };
        var plans = await RunCoordinator.LoadSamplesAsync(spec.Evals, ct);
        var outcome = await RunCoordinator.RunAsync(spec, plans, observer, stop.Token, abort.Token);

        Assert.True(outcome.Cancelled);
        var journal = ResponseJournal.Read(Path.Combine(dir, "responses.jsonl"));
        Assert.InRange(journal.Count, 3, 19);
        Assert.Equal(journal.Count, outcome.Results.Count);
        var (_, rows) = CsvTable.Read(Path.Combine(dir, "samples.csv"));
        Assert.Equal(journal.Select(j => j.Id).Order(StringComparer.Ordinal), rows.Select(r => r["sample_id"]).Order(StringComparer.Ordinal));

        var sentBefore = server.Counters.ChatRequests;
        var (resumed, _) = await RunAsync(server, "sim-oracle", request, 3, CancellationToken.None, CancellationToken.None, dir, resume: true);
        Assert.Equal(20, resumed.Results.Count);
        Assert.Equal(20 - journal.Count, server.Counters.ChatRequests - sentBefore);
        Assert.Equal(20, ResponseJournal.Read(Path.Combine(dir, "responses.jsonl")).Count);

        // Resuming with other options (another seed) would mix two sample sets: refused.
        var other = new EvalRequest { Seed = 8, Options = request.Options };
        var error = await Assert.ThrowsAsync<EvalInputException>(() => RunAsync(server, "sim-oracle", other, 3, CancellationToken.None, CancellationToken.None, dir, resume: true));
        Assert.Contains("different samples", error.Message);
    }

    private sealed class StopAfter(int count, CancellationTokenSource stop) : IRunObserver
    {
        private int _finished;

        public void OnFinished(SampleResult result)
        {
            if (Interlocked.Increment(ref _finished) >= count) stop.Cancel();
        }
    }
}
