using System.Collections.Concurrent;
using EvalHarness.Core.Models;
using EvalHarness.Core.Running;
using Spectre.Console;

namespace EvalHarness.Cli.Console;

/// <summary>
/// One Spectre progress bar per (model, eval) with ETA, a live error count and a visible "retrying" state, so a run
/// stuck behind rate limits never looks like a hang.
/// </summary>
internal sealed class ProgressObserver(ProgressContext context) : IRunObserver
{
    private readonly ConcurrentDictionary<(string, string), TaskState> _tasks = new();

    public void OnPlanned(string model, string eval, int samples)
    {
        var task = context.AddTask(Label(model, eval, 0, null), maxValue: Math.Max(1, samples));
        _tasks[(model, eval)] = new TaskState(task, model, eval);
    }

    public void OnRetrying(string model, string eval, string sampleId, ModelCallException error, int attempt, TimeSpan delay)
    {
        if (!_tasks.TryGetValue((model, eval), out var state)) return;
        state.LastRetry = $"retrying {error.Kind.ToCsv()} in {delay.TotalSeconds:0.#}s";
        state.Task.Description = Label(model, eval, state.Errors, state.LastRetry);
    }

    public void OnFinished(SampleResult result)
    {
        if (!_tasks.TryGetValue((result.Model, result.Eval), out var state)) return;
        if (result.IsError) Interlocked.Increment(ref state.Errors);
        state.LastRetry = null;
        state.Task.Increment(1);
        state.Task.Description = Label(result.Model, result.Eval, state.Errors, null);
    }

    public void OnLaneStopped(string model, ModelCallException cause) =>
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(ErrorSummary.LaneStoppedLine(model, cause))}[/]");

    private static string Label(string model, string eval, int errors, string? retry)
    {
        var text = $"{Markup.Escape(model)} / {Markup.Escape(eval)}";
        if (errors > 0) text += $" [red]{errors} err[/]";
        if (retry is not null) text += $" [yellow]{Markup.Escape(retry)}[/]";
        return text;
    }

    private sealed class TaskState(ProgressTask task, string model, string eval)
    {
        public ProgressTask Task { get; } = task;
        public string Model { get; } = model;
        public string Eval { get; } = eval;
        public int Errors;
        public string? LastRetry { get; set; }
    }
}

/// <summary>Plain progress lines for logs and CI, where a live display would only add noise.</summary>
internal sealed class LogObserver(TextWriter output) : IRunObserver
{
    private readonly ConcurrentDictionary<(string, string), (int Total, int Done, int Errors)> _state = new();
    private readonly Lock _lock = new();

    public void OnPlanned(string model, string eval, int samples) => _state[(model, eval)] = (samples, 0, 0);

    public void OnRetrying(string model, string eval, string sampleId, ModelCallException error, int attempt, TimeSpan delay)
    {
        lock (_lock) output.WriteLine($"  retry {model}/{eval}/{sampleId}: {error.Kind.ToCsv()} (attempt {attempt}), waiting {delay.TotalSeconds:0.##}s");
    }

    public void OnLaneStopped(string model, ModelCallException cause)
    {
        lock (_lock) output.WriteLine(ErrorSummary.LaneStoppedLine(model, cause));
    }

    public void OnFinished(SampleResult result)
    {
        var s = _state.AddOrUpdate((result.Model, result.Eval), _ => (0, 1, result.IsError ? 1 : 0), (_, v) => (v.Total, v.Done + 1, v.Errors + (result.IsError ? 1 : 0)));
        if (s.Done == s.Total || s.Done % Math.Max(1, s.Total / 4) == 0)
        {
            lock (_lock) output.WriteLine($"  {result.Model} / {result.Eval}: {s.Done}/{s.Total} done, {s.Errors} errors");
        }
    }
}
