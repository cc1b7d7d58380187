using System.Net;
using System.Net.Sockets;
using EvalHarness.Core.Evaluators;
using EvalHarness.Simulator.Solvers;
using EvalHarness.Core.Models;

namespace EvalHarness.Simulator.Tests;

public sealed class LifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Explicit_port_is_used_and_cancelling_wait_for_shutdown_stops_the_server()
    {
        var port = FreePort();
        var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, port, Ct);
        await using (server)
        {
            Assert.Equal(port, server.Port);
            Assert.Equal(new Uri($"http://127.0.0.1:{port}/v1"), server.BaseUrl);
            using var client = SimHttp.CreateClient(server);
            using (var response = await client.GetAsync("models", Ct)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using (var response = await client.GetAsync("models/sim-window-64k", Ct)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(2, server.Counters.RequestsReceived);

            using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            var waited = server.WaitForShutdownAsync(stop.Token);
            Assert.Same(waited, await Task.WhenAny(waited, Task.Delay(TimeSpan.FromSeconds(10), Ct)));

            using var fresh = SimHttp.CreateClient(server);
            await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync("models", Ct));
        }
    }

    [Fact]
    public async Task Port_in_use_fails_to_start()
    {
        await using var first = await SimulatorServer.StartAsync(new SimulatorOptions(), ct: Ct);

        await Assert.ThrowsAnyAsync<IOException>(() => SimulatorServer.StartAsync(new SimulatorOptions(), first.Port, Ct));
    }

    [Fact]
    public async Task A_failing_solver_gives_a_500_server_error_not_a_dropped_connection()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, new SolverRegistry([new ThrowingSolver()]), ct: Ct);
        using var client = SimHttp.CreateClient(server);

        using var response = await SimHttp.PostChatAsync(client, SimHttp.ChatBody("sim-oracle", "anything"), Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = (await SimHttp.ReadJsonAsync(response, Ct)).GetProperty("error");
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.Contains("solver bug", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class ThrowingSolver : ITaskSolver
    {
        public string Name => "throwing";

        public bool Recognizes(IReadOnlyList<ChatMessage> messages) => true;

        public string Solve(IReadOnlyList<ChatMessage> visibleMessages, ulong seed) => throw new InvalidOperationException("solver bug");
    }
}
