using EvalHarness.Core.Models;
using EvalHarness.Core.Running;

namespace EvalHarness.Core.Application;

/// <summary>
/// What <see cref="RunService"/> needs from its host (the CLI): endpoints and clients (the in-process simulator lives
/// there), a progress display, the run's stop signals, the report writer and the lines a person reads. Core stays free
/// of console code: every message goes through here.
/// </summary>
public interface IRunHost
{
    /// <summary>Base URL, key and a display name (host only) of a model's endpoint; nothing is sent.</summary>
    Task<(Uri BaseUrl, string ApiKey, string Endpoint)> ResolveEndpointAsync(ModelSettings model, CancellationToken ct);

    /// <summary>The model's client; fails with <see cref="EvalInputException"/> before anything is sent.</summary>
    Task<(IModelClient Client, string BaseUrl)> CreateClientAsync(ModelSettings model, CancellationToken ct);

    /// <summary>Stop signals for the run: stop sending (first Ctrl-C / SIGTERM), abort requests in flight (after the grace).</summary>
    IRunStop BeginRun(TimeSpan grace);

    /// <summary>
    /// Generates or loads the samples under the host's display (a long-context eval takes seconds before the first
    /// request: a silent console looks hung), passing the observer that hears each eval start and finish.
    /// </summary>
    Task<IReadOnlyList<EvalPlan>> LoadSamplesAsync(Func<IRunObserver, Task<IReadOnlyList<EvalPlan>>> load);

    /// <summary>Runs <paramref name="run"/> under the host's progress display, passing the observer that feeds it.</summary>
    Task<RunOutcome> ObserveAsync(Func<IRunObserver, Task<RunOutcome>> run);

    /// <summary>Writes the run folder's report (a failure there must not lose the run: the host reports it and returns).</summary>
    void WriteReport(RunPlan plan, RunOutcome outcome);

    /// <summary>A step of the flow happened (see <see cref="RunEvent"/>).</summary>
    void On(RunEvent e);
}

/// <summary>The run's stop signals; disposing unhooks them.</summary>
public interface IRunStop : IDisposable
{
    CancellationToken StopSending { get; }

    CancellationToken Abort { get; }
}

/// <summary>What the run flow tells its host, in order: planned, notices, finished.</summary>
public abstract record RunEvent
{
    /// <summary>The plan is resolved and the run folder checked; samples are generated next.</summary>
    public sealed record Planned(RunPlan Plan, string RunId, string RunDirectory) : RunEvent;

    /// <summary>A line for the reader: info (e.g. an endpoint without a model list) or a warning.</summary>
    public sealed record Notice(bool Warning, string Text) : RunEvent;

    /// <summary>The run folder is written (samples, summary, manifest, report); the history is recorded next.</summary>
    public sealed record Finished(RunOutcome Outcome) : RunEvent;

    /// <summary>The run is in the history database at <paramref name="Path"/>.</summary>
    public sealed record HistoryRecorded(string Path) : RunEvent;

    /// <summary>The history could not be written; the run stands (one line, never a failure).</summary>
    public sealed record HistoryNotRecorded(string Reason) : RunEvent;
}
