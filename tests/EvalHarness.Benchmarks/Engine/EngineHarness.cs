using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;
using EvalHarness.Core.Running;
using EvalHarness.Simulator;

namespace EvalHarness.Benchmarks.Engine;

/// <summary>Runs the real engine (SDK client, journal, scoring, CSVs) against a simulator, as `evalharness run` does.</summary>
internal static class EngineHarness
{
    public static async Task<RunOutcome> RunAsync(SimulatorServer server, IEvaluator evaluator, int concurrency, string model = "sim-oracle")
    {
        var settings = new ModelSettings { Name = model, BaseUrl = "simulator", Concurrency = concurrency, MaxRetries = 0, TimeoutSeconds = 60, MaxOutputTokens = 16 };
        var client = new OpenAIChatModelClient(settings, server.BaseUrl, "bench");
        var dir = Path.Combine(Path.GetTempPath(), "evalharness-bench", Guid.NewGuid().ToString("N")[..12]);
        var request = new EvalRequest();
        var spec = new RunSpec
        {
            RunId = Path.GetFileName(dir),
            RunDirectory = dir,
            Models = [(settings, client, server.BaseUrl.ToString())],
            Evals = [(evaluator, request)],
            Seed = request.Seed,
        };
        var plans = await RunCoordinator.LoadSamplesAsync(spec.Evals, CancellationToken.None);
        try
        {
            return await RunCoordinator.RunAsync(spec, plans, NullRunObserver.Instance, CancellationToken.None, CancellationToken.None);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
