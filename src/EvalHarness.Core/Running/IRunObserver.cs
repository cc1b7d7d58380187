using EvalHarness.Core.Models;
using EvalHarness.Core.Evaluators;

namespace EvalHarness.Core.Running;

/// <summary>Progress hooks for a console or log; called from worker threads, so implementations must be thread-safe.</summary>
public interface IRunObserver
{
    /// <summary>
    /// Generating or loading one eval's samples starts (before any request is sent). Long-context evals can take
    /// seconds here, so a console shows it rather than looking hung.
    /// </summary>
    void OnSamplesLoading(string eval) { }

    /// <summary>One eval's samples are ready: how many, and how long generating or loading them took.</summary>
    void OnSamplesLoaded(string eval, int samples, TimeSpan elapsed) { }

    void OnPlanned(string model, string eval, int samples) { }

    void OnRetrying(string model, string eval, string sampleId, ModelCallException error, int attempt, TimeSpan delay) { }

    void OnFinished(SampleResult result) { }

    /// <summary>The model's lane stopped (see <see cref="LaneBreaker"/>); called once per model.</summary>
    void OnLaneStopped(string model, ModelCallException cause) { }

    /// <summary><c>run --batch</c>: a step of one of the model's batches (created, polled with status and request counts, imported).</summary>
    void OnBatchProgress(string model, string line) { }
}

internal sealed class NullRunObserver : IRunObserver
{
    public static readonly NullRunObserver Instance = new();
}
