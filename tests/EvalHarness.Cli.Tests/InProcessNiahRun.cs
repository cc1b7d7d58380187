using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Models;
using EvalHarness.Core.Running;
using EvalHarness.Simulator;

namespace EvalHarness.Cli.Tests;

/// <summary>A NIAH run of one model through the real engine and run folder, against a test's own simulator.</summary>
internal static class InProcessNiahRun
{
    /// <param name="maxRetryWait">The model's total retry wait (short retry delays: 5-50 ms).</param>
    /// <param name="rateLimitWindow">The "minute" of the model's Rpm/Tpm budgets (null: 60 s).</param>
    public static async Task<(RunOutcome Outcome, string Dir)> RunAsync(
        SimulatorServer server, ModelSettings settings, EvalRequest request, TimeSpan maxRetryWait, TimeSpan? rateLimitWindow, CancellationToken ct)
    {
        var client = new OpenAIChatModelClient(settings, server.BaseUrl, "test");
        var dir = CliProcess.NewTempDirectory();
        var spec = new RunSpec
        {
            RunId = Path.GetFileName(dir),
            RunDirectory = dir,
            Models = [(settings, client, server.BaseUrl.ToString())],
            Evals = [(new NiahEvaluator(), request)],
            Seed = request.Seed,
            RetryPolicyFor = m => new RetryPolicy(m.MaxRetries, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50), maxRetryWait),
            RateLimitWindow = rateLimitWindow ?? TimeSpan.FromMinutes(1),
        };
        var plans = await RunCoordinator.LoadSamplesAsync(spec.Evals, ct);
        var outcome = await RunCoordinator.RunAsync(spec, plans, NullRunObserver.Instance, CancellationToken.None, CancellationToken.None);
        return (outcome, dir);
    }
}
