using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Files;
using EvalHarness.Core.Models;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Running;
using EvalHarness.Simulator;

namespace EvalHarness.Cli.Tests;

/// <summary>A run whose prompts all live in the spill file (threshold 0) behaves as one that holds them in memory.</summary>
public sealed class SpilledPromptsEndToEndTests
{
    private static readonly EvalRequest Request = new()
    {
        Seed = 7,
        Options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["context_lengths"] = "1000,2000",
            ["depths"] = "0,25,50,75,100",
            ["samples_per_cell"] = "2",
        },
    };

    private static RunSpec Spec(SimulatorServer server, ModelSettings settings, IReadOnlyList<EvalPlan> plans, string dir, bool resume) => new()
    {
        RunId = "spill-test",
        RunDirectory = dir,
        Models = [(settings, new OpenAIChatModelClient(settings, server.BaseUrl, "test"), server.BaseUrl.ToString())],
        Evals = [(plans[0].Evaluator, Request)],
        Seed = Request.Seed,
        RetryPolicyFor = m => new RetryPolicy(m.MaxRetries, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30)),
        Resume = resume,
    };

    [Fact]
    public async Task ASpilledRunScoresAsAnInMemoryOneAndResumesAfterCancellation()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new SimulatorOptions { Seed = 9, Latency = new LatencyProfile { BaseTtftMs = 100, PerPromptTokenMicroseconds = 0, TokensPerSecond = 1000 } };
        await using var server = await SimulatorServer.StartAsync(options, 0, ct);
        var settings = new ModelSettings { Name = "sim-oracle", BaseUrl = "simulator", Concurrency = 2, TimeoutSeconds = 30 };

        // The reference: prompts in memory.
        var inMemory = await RunCoordinator.LoadSamplesAsync([(new NiahEvaluator(), Request)], NullRunObserver.Instance, int.MaxValue, ct);
        Assert.DoesNotContain(inMemory[0].Samples, s => s.IsSpilled);
        var referenceDir = CliProcess.NewTempDirectory();
        await RunCoordinator.RunAsync(Spec(server, settings, inMemory, referenceDir, false), inMemory, NullRunObserver.Instance, CancellationToken.None, CancellationToken.None);

        // Every prompt spilled; stopped after 3 results, then resumed from a fresh load (spilled again).
        var spilled = await RunCoordinator.LoadSamplesAsync([(new NiahEvaluator(), Request)], NullRunObserver.Instance, 0, ct);
        Assert.All(spilled[0].Samples, s => Assert.True(s.IsSpilled));
        Assert.Equal(PromptsJsonl.Hash(inMemory[0].Samples), PromptsJsonl.Hash(spilled[0].Samples));
        var dir = CliProcess.NewTempDirectory();
        using var stop = new CancellationTokenSource();
        var first = await RunCoordinator.RunAsync(Spec(server, settings, spilled, dir, false), spilled, new StopAfter(3, stop), stop.Token, CancellationToken.None);
        Assert.True(first.Cancelled);
        var journaled = ResponseJournal.Read(Path.Combine(dir, "responses.jsonl")).Count;
        Assert.InRange(journaled, 3, 19);

        var sentBefore = server.Counters.ChatRequests;
        var again = await RunCoordinator.LoadSamplesAsync([(new NiahEvaluator(), Request)], NullRunObserver.Instance, 0, ct);
        var resumed = await RunCoordinator.RunAsync(Spec(server, settings, again, dir, true), again, NullRunObserver.Instance, CancellationToken.None, CancellationToken.None);
        Assert.False(resumed.Cancelled);
        Assert.Equal(20 - journaled, server.Counters.ChatRequests - sentBefore);
        Assert.Equal(20, resumed.Results.Count);
        // The journal holds every response (results keep none).
        Assert.All(ResponseJournal.Read(Path.Combine(dir, "responses.jsonl")), j => Assert.False(string.IsNullOrEmpty(j.Response)));

        // Same rows, same scores, same samples hash as the in-memory run.
        var (_, expected) = CsvTable.Read(Path.Combine(referenceDir, "samples.csv"));
        var (_, actual) = CsvTable.Read(Path.Combine(dir, "samples.csv"));
        Assert.Equal(expected.Select(r => (r["sample_id"], r["score"], r["prompt_tokens"])), actual.Select(r => (r["sample_id"], r["score"], r["prompt_tokens"])));
        Assert.All(actual, r => Assert.Equal("1", r["score"]));
        Assert.Equal(Sha(referenceDir), Sha(dir));
        Assert.True(JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")))!["machine"]!["peak_rss_bytes"]!.GetValue<long>() > 0);
    }

    private static string Sha(string dir) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")))!["evals"]![0]!["samples_sha256"]!.GetValue<string>();

    private sealed class StopAfter(int count, CancellationTokenSource stop) : IRunObserver
    {
        private int _finished;

        public void OnFinished(SampleResult result)
        {
            if (Interlocked.Increment(ref _finished) >= count) stop.Cancel();
        }
    }
}
