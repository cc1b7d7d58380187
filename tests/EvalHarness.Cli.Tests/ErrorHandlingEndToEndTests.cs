using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Models;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Running;
using EvalHarness.Simulator;
using EvalHarness.Core.RunFolders;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// Errors as real servers send them, through the real SDK and the simulator speaking each server's dialect: what is
/// retried, what stops a model's lane, and how many requests the server saw.
/// </summary>
public sealed class ErrorHandlingEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>NIAH at 1K and 2K tokens, 5 depths: 10 samples per sample-per-cell.</summary>
    private static EvalRequest Niah(int samplesPerCell = 1) => new()
    {
        Seed = 7,
        Options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["context_lengths"] = "1000,2000",
            ["depths"] = "0,25,50,75,100",
            ["samples_per_cell"] = samplesPerCell.ToString(CultureInfo.InvariantCulture),
        },
    };

    private sealed record Lane(string Name, Uri BaseUrl, int Concurrency = 1, string ApiKey = "test", string? ApiModel = null);

    private static async Task<(RunOutcome Outcome, string Dir)> RunAsync(
        IReadOnlyList<Lane> lanes, EvalRequest request, TimeSpan? maxRetryAfter = null, string? dir = null, bool resume = false, TimeSpan? maxTotalWait = null)
    {
        dir ??= CliProcess.NewTempDirectory();
        var models = lanes.Select(l =>
        {
            var settings = new ModelSettings { Name = l.Name, Model = l.ApiModel, BaseUrl = l.BaseUrl.ToString(), Concurrency = l.Concurrency, MaxRetries = 6, TimeoutSeconds = 30 };
            return (settings, (IModelClient)new OpenAIChatModelClient(settings, l.BaseUrl, l.ApiKey), l.BaseUrl.ToString());
        }).ToList();
        var spec = new RunSpec
        {
            RunId = Path.GetFileName(dir),
            RunDirectory = dir,
            Models = models,
            Evals = [(new NiahEvaluator(), request)],
            Seed = request.Seed,
            RetryPolicyFor = m => new RetryPolicy(m.MaxRetries, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50), maxTotalWait ?? TimeSpan.FromSeconds(30), maxRetryAfter),
            Resume = resume,
        };
        var plans = await RunCoordinator.LoadSamplesAsync(spec.Evals, Ct);
        var outcome = await RunCoordinator.RunAsync(spec, plans, NullRunObserver.Instance, CancellationToken.None, CancellationToken.None);
        return (outcome, dir);
    }

    private static IReadOnlyList<IReadOnlyDictionary<string, string>> Rows(string dir) => RunFolderReader.Read(dir).Samples.Select(s => s.Columns).ToList();

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(ErrorDialect.OpenAI)]
    [InlineData(ErrorDialect.Azure)]
    [InlineData(ErrorDialect.Vllm)]
    [InlineData(ErrorDialect.Ollama)]
    [InlineData(ErrorDialect.LlamaCpp)]
    public async Task ContextOverflowIsContextLengthWithOneAttemptInEveryDialect(ErrorDialect dialect)
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, ContextWindowTokens = 500, ErrorDialect = dialect }, 0, Ct);
        var (outcome, dir) = await RunAsync([new Lane("sim-oracle", server.BaseUrl, Concurrency: 4)], Niah());

        var rows = Rows(dir);
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal("context_length", r["error_kind"]);
            Assert.Equal("1", r["attempts"]);
            Assert.Equal("400", r["http_status"]);
            Assert.Equal("", r["score"]);
        });
        // Never retried, and an overflow does not stop the lane: every sample was sent once.
        Assert.Equal(10, server.Counters.ChatRequests);
        Assert.DoesNotContain(outcome.Results, r => r.NotSent);
    }

    [Theory]
    [InlineData("model_not_found", 1)]
    [InlineData("model_not_found", 4)]
    [InlineData("authentication", 1)]
    [InlineData("authentication", 4)]
    [InlineData("insufficient_quota", 1)]
    [InlineData("insufficient_quota", 4)]
    public async Task LaneStopsAtOnceAndTheRestIsNotSent(string kind, int concurrency)
    {
        var options = new SimulatorOptions { ZeroLatency = true, ErrorDialect = ErrorDialect.LlamaCpp };
        var model = "sim-oracle";
        if (kind == "model_not_found") model = "no-such-model";
        if (kind == "authentication") options.RequiredApiKey = "the-right-key";
        if (kind == "insufficient_quota") options.Faults = new FaultOptions { InsufficientQuotaRate = 1.0 };
        await using var server = await SimulatorServer.StartAsync(options, 0, Ct);

        var (outcome, dir) = await RunAsync([new Lane("m", server.BaseUrl, concurrency, ApiModel: model)], Niah(samplesPerCell: 4));

        // 40 samples; before the breaker the server saw 40 requests. Now at most one per worker.
        Assert.InRange(server.Counters.ChatRequests, 1, concurrency);
        var rows = Rows(dir);
        Assert.Equal(40, rows.Count);
        Assert.All(rows, r => Assert.Equal(kind, r["error_kind"]));
        Assert.All(rows, r => Assert.Equal("", r["score"]));
        var sent = rows.Where(r => r["attempts"] != "0").ToList();
        Assert.Equal(server.Counters.ChatRequests, sent.Sum(r => Int(r["attempts"])));
        Assert.All(rows.Where(r => r["attempts"] == "0"), r => Assert.StartsWith("not sent:", r["error_message"], StringComparison.Ordinal));
        Assert.Equal(40 - sent.Count, outcome.Results.Count(r => r.NotSent));
        // Only sent requests are journaled, so a resume sends the rest.
        Assert.Equal(sent.Count, ResponseJournal.Read(Path.Combine(dir, "responses.jsonl")).Count);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "manifest.json"), Ct))!;
        Assert.Equal(40 - sent.Count, manifest["counts"]!["not_sent"]!.GetValue<int>());
        Assert.Equal(40, manifest["errors_by_kind"]![kind]!.GetValue<int>());

        var breakdown = Assert.Single(ErrorBreakdown.From(outcome.Results));
        Assert.Equal(40, breakdown.Count);
        Assert.Equal(40 - sent.Count, breakdown.NotSent);
        Assert.StartsWith("HTTP ", breakdown.ExampleMessage, StringComparison.Ordinal); // the server's words, not "not sent"
    }

    [Fact]
    public async Task DeadEndpointStopsTheLaneAfterThreeRefusedConnections()
    {
        // A port nobody listens on: connection refused.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var dead = new Uri($"http://127.0.0.1:{port}/v1");

        var (outcome, dir) = await RunAsync([new Lane("dead", dead, Concurrency: 1)], Niah(samplesPerCell: 4));

        var rows = Rows(dir);
        Assert.Equal(40, rows.Count);
        Assert.All(rows, r => Assert.Equal("connection", r["error_kind"]));
        // Before: 7 attempts per sample, 280 in all. Now: Engine:DeadEndpointFailures (3) attempts, then nothing.
        Assert.Equal(3, rows.Sum(r => Int(r["attempts"])));
        Assert.Equal(39, outcome.Results.Count(r => r.NotSent));
    }

    [Fact]
    public async Task OtherModelsLanesContinueAndResumeSendsTheSkippedSamples()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, RequiredApiKey = "the-right-key" }, 0, Ct);
        var lanes = new[]
        {
            new Lane("good", server.BaseUrl, Concurrency: 2, ApiKey: "the-right-key", ApiModel: "sim-oracle"),
            new Lane("bad-key", server.BaseUrl, Concurrency: 2, ApiKey: "wrong", ApiModel: "sim-oracle"),
        };
        var (outcome, dir) = await RunAsync(lanes, Niah());

        var rows = Rows(dir);
        Assert.All(rows.Where(r => r["model"] == "good"), r => Assert.Equal("1", r["score"]));
        Assert.All(rows.Where(r => r["model"] == "bad-key"), r => Assert.Equal("authentication", r["error_kind"]));
        Assert.InRange(server.Counters.ChatRequests, 11, 12);
        Assert.Equal(10, outcome.Results.Count(r => r.Model == "good" && !r.IsError));

        // Fix the key and resume: every errored or unsent sample of that model is sent now, nothing else.
        var before = server.Counters.ChatRequests;
        lanes[1] = lanes[1] with { ApiKey = "the-right-key" };
        var (resumed, _) = await RunAsync(lanes, Niah(), dir: dir, resume: true);
        Assert.Equal(10, server.Counters.ChatRequests - before);
        Assert.All(resumed.Results, r => Assert.False(r.IsError));
    }

    [Fact]
    public async Task RequestTooLargeIsNotRetriedAndDoesNotStopTheLane()
    {
        // 2K-token prompts exceed a 1,800-token per-minute limit; 1K ones fit.
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, TokensPerMinute = 1_800 }, 0, Ct);
        var (_, dir) = await RunAsync([new Lane("sim-oracle", server.BaseUrl, Concurrency: 2)], Niah());

        var rows = Rows(dir);
        var large = rows.Where(r => r["context_tokens_target"] == "2000").ToList();
        Assert.Equal(5, large.Count);
        Assert.All(large, r =>
        {
            Assert.Equal("request_too_large", r["error_kind"]);
            Assert.Equal("1", r["attempts"]);
        });
        Assert.All(rows.Where(r => r["context_tokens_target"] == "1000"), r => Assert.Equal("1", r["score"]));
        Assert.Equal(10, server.Counters.ChatRequests);
    }

    [Fact]
    public async Task RetryAfterIsHonouredButCapped()
    {
        // The server asks for an hour; with the cap at 20 ms the run retries and finishes instead of giving up.
        var options = new SimulatorOptions { ZeroLatency = true, Seed = 11, Faults = new FaultOptions { RateLimitRate = 0.4, RetryAfterMs = 3_600_000 } };
        await using var server = await SimulatorServer.StartAsync(options, 0, Ct);
        var (_, dir) = await RunAsync([new Lane("sim-oracle", server.BaseUrl, Concurrency: 2)], Niah(), maxRetryAfter: TimeSpan.FromMilliseconds(20), maxTotalWait: TimeSpan.FromSeconds(30));

        var rows = Rows(dir);
        Assert.All(rows, r => Assert.Equal("", r["error_kind"]));
        Assert.Contains(rows, r => Int(r["attempts"]) > 1);
        Assert.True(server.Counters.GetFaultCount(EvalHarness.Simulator.Faults.FaultKind.RateLimit) > 0);
    }
}
