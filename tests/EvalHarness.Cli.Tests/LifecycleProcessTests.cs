using System.Globalization;
using System.Text.Json.Nodes;
using EvalHarness.Core.Models;
using EvalHarness.Simulator;
using EvalHarness.Simulator.Models;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// The start-of-run model lifecycle check, end to end: the CLI as a child process against a simulator whose model list
/// omits ids, carries shutdown dates, or is not offered at all; the simulator's counters prove what was sent.
/// </summary>
public sealed class LifecycleProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string InDays(int days) => DateTime.UtcNow.Date.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static SimulatorOptions Options(string id, ModelLifecycleProfile profile) =>
        new() { ZeroLatency = true, Lifecycle = new(StringComparer.Ordinal) { [id] = profile } };

    /// <summary>Model "old" = sim-oracle at the test's simulator, replaced by "new" in configuration.</summary>
    private static async Task<(int Exit, string Stdout, string Stderr, string RunDir)> RunAsync(SimulatorServer server, string extraModelSettings = "", params string[] extra)
    {
        var work = CliProcess.NewTempDirectory();
        var settings = Path.Combine(work, "lifecycle.json");
        await File.WriteAllTextAsync(settings, $$"""
            { "Models": {
                "old": { "BaseUrl": "{{server.BaseUrl}}", "Model": "sim-oracle", "ApiKeyRef": "none", "ReplacedBy": "new"{{extraModelSettings}} },
                "new": { "BaseUrl": "{{server.BaseUrl}}", "Model": "sim-window-8k", "ApiKeyRef": "none" } } }
            """, Ct);
        var runDir = Path.Combine(work, "run");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, Ct,
            ["run", "--models", "old", "--evals", "niah", "--plain", "--config", settings, "--out", runDir, "-o", "niah.context_lengths=1000", "-o", "niah.depths=0,50", .. extra]);
        return (exit, stdout, stderr, runDir);
    }

    private static JsonNode Lifecycle(string runDir) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(runDir, "manifest.json")))!["models"]![0]!["lifecycle"]!;

    private static int Count(string text, string part) => text.Split('\n').Count(l => l.Contains(part, StringComparison.Ordinal));

    [Fact]
    public async Task AModelMissingFromTheListIsRefusedBeforeAnythingIsSent()
    {
        await using var server = await SimulatorServer.StartAsync(Options("sim-oracle", new ModelLifecycleProfile { Listed = false }), 0, Ct);

        var (exit, stdout, stderr, runDir) = await RunAsync(server);

        Assert.Equal(2, exit);
        Assert.Equal(
            $"error: model 'old' (id sim-oracle) does not exist at 127.0.0.1:{server.Port}: its model list does not include 'sim-oracle'; replacement set in configuration: new",
            stderr.Trim());
        Assert.Equal(0, server.Counters.ChatRequests);
        Assert.False(Directory.Exists(runDir), stdout);
        Assert.DoesNotContain("connection", stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AShutdownIn10DaysWarnsOnceRecordsItAndTheRunProceeds()
    {
        var date = InDays(10);
        await using var server = await SimulatorServer.StartAsync(Options("sim-oracle", new ModelLifecycleProfile { ShutdownDate = date }), 0, Ct);

        var (exit, stdout, stderr, runDir) = await RunAsync(server);

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal(1, Count(stdout, "warning:"));
        Assert.Contains($"warning: model 'old' (id sim-oracle) shuts down on {date}, in 10 days (shutdown_date from 127.0.0.1:{server.Port}); replacement set in configuration: new", stdout, StringComparison.Ordinal);
        var lifecycle = Lifecycle(runDir);
        Assert.Equal("shutdown_soon", (string?)lifecycle["status"]);
        Assert.Equal(date, (string?)lifecycle["shutdown_date"]);
        Assert.Equal(10, (int?)lifecycle["days_left"]);
        Assert.Equal("new", (string?)lifecycle["replaced_by"]);
        Assert.Equal(2, server.Counters.ChatRequests);
    }

    [Fact]
    public async Task APastShutdownGivenAsUnixSecondsIsRefusedNamingTheReplacement()
    {
        var past = DateTimeOffset.UtcNow.AddDays(-3);
        var seconds = past.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await using var server = await SimulatorServer.StartAsync(Options("sim-oracle", new ModelLifecycleProfile { ShutdownDate = seconds }), 0, Ct);

        var (exit, stdout, stderr, runDir) = await RunAsync(server);

        Assert.Equal(2, exit);
        Assert.Equal(
            $"error: model 'old' (id sim-oracle) was retired on {past.UtcDateTime:yyyy-MM-dd} (shutdown_date from 127.0.0.1:{server.Port}); replacement set in configuration: new",
            stderr.Trim());
        Assert.Equal(0, server.Counters.ChatRequests);
        Assert.False(Directory.Exists(runDir), stdout);
    }

    [Fact]
    public async Task AnEndpointWithoutAModelListIsNotCheckedAndTheRunProceedsWithOneInfoLine()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, ServeModelList = false }, 0, Ct);

        var (exit, stdout, stderr, runDir) = await RunAsync(server);

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal(1, Count(stdout, "info:"));
        Assert.Contains($"info: 127.0.0.1:{server.Port} offers no model list (HTTP 404): model existence and shutdown dates there are not checked", stdout, StringComparison.Ordinal);
        Assert.Equal(0, Count(stdout, "warning:"));
        Assert.Equal("unchecked", (string?)Lifecycle(runDir)["status"]);
        Assert.Equal(2, server.Counters.ChatRequests);
    }

    [Fact]
    public async Task AConfiguredPastShutdownDateRefusesEvenWhereTheEndpointHasNoList()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, ServeModelList = false }, 0, Ct);
        var date = InDays(-1);

        var (exit, _, stderr, _) = await RunAsync(server, $", \"ShutdownDate\": \"{date}\"");

        Assert.Equal(2, exit);
        Assert.Equal($"error: model 'old' (id sim-oracle) was retired on {date} (Models:old:ShutdownDate); replacement set in configuration: new", stderr.Trim());
        Assert.Equal(0, server.Counters.ChatRequests);
    }

    [Fact]
    public async Task DryRunChecksConfiguredDatesWithoutSendingAnything()
    {
        await using var server = await SimulatorServer.StartAsync(Options("sim-oracle", new ModelLifecycleProfile { Listed = false }), 0, Ct);

        var soon = await RunAsync(server, $", \"ShutdownDate\": \"{InDays(20)}\"", "--dry-run");
        Assert.True(soon.Exit == 0, soon.Stdout + soon.Stderr);
        Assert.Equal(1, Count(soon.Stdout, "warning:"));
        Assert.Contains("in 20 days (Models:old:ShutdownDate)", soon.Stdout, StringComparison.Ordinal);

        var retired = await RunAsync(server, $", \"ShutdownDate\": \"{InDays(0)}\"", "--dry-run");
        Assert.Equal(2, retired.Exit);
        Assert.Contains("was retired on", retired.Stderr, StringComparison.Ordinal);
        // No model list, no chat: a dry run sends nothing (so the unlisted id is not noticed either).
        Assert.Equal(0, server.Counters.RequestsReceived);
    }

    [Fact]
    public async Task CheckModelListFalseSkipsTheListForEndpointsThatListOtherNames()
    {
        await using var server = await SimulatorServer.StartAsync(Options("sim-oracle", new ModelLifecycleProfile { Listed = false }), 0, Ct);

        var (exit, stdout, stderr, runDir) = await RunAsync(server, ", \"CheckModelList\": false");

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal("unchecked", (string?)Lifecycle(runDir)["status"]);
        Assert.Equal(0, Count(stdout, "info:"));
    }

    [Fact]
    public async Task TheBuiltInSimulatorRunNeitherWarnsNorInformsAndUnlistedFamilyIdsPass()
    {
        var work = CliProcess.NewTempDirectory();
        var runDir = Path.Combine(work, "run");
        // sim-window-16k is served but not enumerated: the GET /models/{id} fallback finds it.
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, Ct,
            "run", "--models", "sim-oracle,sim-window-16k", "--evals", "niah", "--plain", "--out", runDir, "-o", "niah.context_lengths=1000", "-o", "niah.depths=0");

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal(0, Count(stdout, "warning:"));
        Assert.Equal(0, Count(stdout, "info:"));
        Assert.Equal("ok", (string?)Lifecycle(runDir)["status"]);
        Assert.True((bool?)Lifecycle(runDir)["listed"]);
    }

    [Fact]
    public async Task OneListRequestPerEndpointAndTheListCarriesTheConfiguredFields()
    {
        var options = Options("sim-noisy", new ModelLifecycleProfile { Deprecated = true, DeprecationDate = "2026-01-15", ShutdownDate = "2099-01-01" });
        await using var server = await SimulatorServer.StartAsync(options, 0, Ct);
        var models = new[] { "sim-oracle", "sim-noisy" }
            .Select(id => (new ModelSettings { Name = id, BaseUrl = server.BaseUrl.ToString() }, (Uri?)server.BaseUrl, "k", "sim"))
            .ToList();

        var (verdicts, info) = await ModelLifecycle.CheckAsync(models, network: true, TimeProvider.System, Ct);

        Assert.Empty(info);
        Assert.Equal(1, server.Counters.RequestsReceived);
        Assert.Equal(LifecycleStatus.Ok, verdicts[0].Status);
        Assert.Equal(LifecycleStatus.Deprecated, verdicts[1].Status);
        Assert.Equal(new DateOnly(2099, 1, 1), verdicts[1].ShutdownDate);
        Assert.Contains("deprecated since 2026-01-15", verdicts[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeadEndpointIsUncheckedNotRefusedAndTheWaitIsShort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var dead = new Uri($"http://127.0.0.1:{port}/v1");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (verdicts, info) = await ModelLifecycle.CheckAsync(
            [(new ModelSettings { Name = "m", ShutdownDate = "2099-01-01" }, dead, "k", "dead-host")], network: true, TimeProvider.System, Ct);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
        Assert.Equal("dead-host offers no model list (unreachable): model existence and shutdown dates there are not checked", Assert.Single(info));
        Assert.Equal((LifecycleStatus.Unchecked, (bool?)null, false), (verdicts[0].Status, verdicts[0].Listed, verdicts[0].Refuses));
    }
}
