using EvalHarness.Core.Models;

namespace EvalHarness.Core.Running;

/// <summary>Progress hooks for a console or log; called from worker threads, so implementations must be thread-safe.</summary>
public interface IRunObserver
{
    void OnPlanned(string model, string eval, int samples) { }

    void OnRetrying(string model, string eval, string sampleId, ModelCallException error, int attempt, TimeSpan delay) { }

    void OnFinished(SampleResult result) { }

    /// <summary>The model's lane stopped (see <see cref="LaneBreaker"/>); called once per model.</summary>
    void OnLaneStopped(string model, ModelCallException cause) { }
}

public sealed class NullRunObserver : IRunObserver
{
    public static readonly NullRunObserver Instance = new();
}
