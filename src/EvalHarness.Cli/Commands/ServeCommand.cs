using System.CommandLine;
using EvalHarness.Simulator;

namespace EvalHarness.Cli.Commands;

/// <summary><c>evalharness serve</c>: the simulator as a standalone OpenAI-compatible server on loopback.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Loopback port (0 = any free port)", DefaultValueFactory = _ => 8089 };
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var command = new Command("serve", "Run the simulator as an OpenAI-compatible server on 127.0.0.1 until Ctrl-C") { port, config, set };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(async () =>
        {
            await using var context = HarnessContext.Load(parse.GetValue(config), parse.GetValue(set) ?? []);
            await using var server = await SimulatorServer.StartAsync(context.SimulatorOptions(), parse.GetValue(port), ct);
            System.Console.WriteLine($"simulator listening on {server.BaseUrl} (models: sim-oracle, sim-window-<N>k, sim-noisy); Ctrl-C to stop");
            using var stop = new RunCancellation(TimeSpan.Zero, ct);
            try
            {
                await server.WaitForShutdownAsync(stop.StopSending);
            }
            catch (OperationCanceledException)
            {
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
