using System.Text;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Models;
using EvalHarness.Core.Running;
using EvalHarness.Simulator;

namespace EvalHarness.Cli.Tests;

/// <summary>A crash or a full disk tears the journal's last line; resuming must neither glue onto it nor lose the response.</summary>
public sealed class JournalRepairTests
{
    private static readonly EvalRequest Request = new()
    {
        Seed = 7,
        Options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["context_lengths"] = "1000",
            ["depths"] = "0,50,100",
        },
    };

    private static async Task<RunOutcome> RunAsync(SimulatorServer server, string dir, bool resume)
    {
        var settings = new ModelSettings { Name = "sim-oracle", BaseUrl = "simulator", Concurrency = 2, TimeoutSeconds = 30 };
        var spec = new RunSpec
        {
            RunId = Path.GetFileName(dir),
            RunDirectory = dir,
            Models = [(settings, new OpenAIChatModelClient(settings, server.BaseUrl, "test"), server.BaseUrl.ToString())],
            Evals = [(new NiahEvaluator(), Request)],
            Seed = Request.Seed,
            Resume = resume,
        };
        var plans = await RunCoordinator.LoadSamplesAsync(spec.Evals, CancellationToken.None);
        return await RunCoordinator.RunAsync(spec, plans, NullRunObserver.Instance, CancellationToken.None, CancellationToken.None);
    }

    [Fact]
    public async Task ATornLastLineIsMovedAsideAndItsResponseIsSentAgainOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { Seed = 1, ZeroLatency = true }, 0, ct);
        var dir = CliProcess.NewTempDirectory();
        var journal = Path.Combine(dir, "responses.jsonl");
        var first = await RunAsync(server, dir, resume: false);
        Assert.Equal(3, first.Results.Count);

        // Crash mid-write: the last record lost its second half and its newline.
        var lines = await File.ReadAllLinesAsync(journal, ct);
        var torn = lines[^1][..(lines[^1].Length / 2)];
        await File.WriteAllTextAsync(journal, string.Join("\n", lines[..^1]) + "\n" + torn, new UTF8Encoding(false), ct);

        var before = server.Counters.ChatRequests;
        var second = await RunAsync(server, dir, resume: true);
        Assert.Equal(3, second.Results.Count);
        Assert.Equal(1, server.Counters.ChatRequests - before);
        var third = await RunAsync(server, dir, resume: true);
        Assert.Equal(3, third.Results.Count);
        Assert.Equal(1, server.Counters.ChatRequests - before);
        Assert.All(third.Results, r => Assert.False(r.IsError));

        var repaired = await File.ReadAllLinesAsync(journal, ct);
        Assert.Equal(3, repaired.Length);
        Assert.Equal(3, ResponseJournal.Read(journal).Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(torn, await File.ReadAllTextAsync(journal + ".torn-1", ct));
        Assert.False(File.Exists(journal + ".torn-2"));
    }

    [Fact]
    public void AnUnparsableLastLineEndingInANewlineIsAlsoMovedAside()
    {
        var dir = CliProcess.NewTempDirectory();
        var journal = Path.Combine(dir, "responses.jsonl");
        File.WriteAllText(journal, "{\"model\":\"m\",\"eval\":\"niah\",\"id\":\"a\",\"response\":\"x\"}\n{\"model\":\"m\",\"ev\n");
        Assert.Equal(journal + ".torn-1", ResponseJournal.RepairTornTail(journal));
        Assert.Equal("{\"model\":\"m\",\"eval\":\"niah\",\"id\":\"a\",\"response\":\"x\"}\n", File.ReadAllText(journal));
        Assert.Null(ResponseJournal.RepairTornTail(journal));
    }

    [Fact]
    public void TornTailsLongerThanTheReadBlockAreFoundFromTheEnd()
    {
        var dir = CliProcess.NewTempDirectory();
        var journal = Path.Combine(dir, "responses.jsonl");
        // Records of 100K chars and a torn line of 150K: the backwards scan crosses several 64 KiB blocks.
        string Record(string id) => "{\"model\":\"m\",\"eval\":\"niah\",\"id\":\"" + id + "\",\"response\":\"" + new string('r', 100_000) + "\"}\n";
        var good = Record("a") + Record("b");
        var torn = "{\"model\":\"m\",\"eval\":\"niah\",\"id\":\"c\",\"response\":\"" + new string('t', 150_000);
        File.WriteAllText(journal, good + torn);
        Assert.Equal(journal + ".torn-1", ResponseJournal.RepairTornTail(journal));
        Assert.Equal(good, File.ReadAllText(journal));
        Assert.Equal(torn, File.ReadAllText(journal + ".torn-1"));
        Assert.Null(ResponseJournal.RepairTornTail(journal));
        Assert.Equal(["a", "b"], ResponseJournal.Read(journal).Select(r => r.Id));

        // A valid last record longer than a block, ending in a newline, is kept as it is.
        File.WriteAllText(journal, Record("only"));
        Assert.Null(ResponseJournal.RepairTornTail(journal));
        Assert.Equal(Record("only"), File.ReadAllText(journal));
    }
}
