using System.Collections.Concurrent;
using System.Globalization;
using EvalHarness.Core.Models;
using EvalHarness.Core.Running;
using Spectre.Console;
using Spectre.Console.Rendering;
using EvalHarness.Core.Evaluators;

namespace EvalHarness.Cli.Console;

/// <summary>
/// The live display on a terminal: ONE overall bar with done/total, ETA and errors by kind, and under it a line per
/// (model, eval) with its count, errors and a visible "retrying" state (so a run stuck behind rate limits never looks
/// like a hang). Per-cell lines are left out when there are more than <see cref="MaxCellLines"/> cells.
/// </summary>
internal sealed class ProgressObserver : IRunObserver
{
    public const int MaxCellLines = 12;
    private const string OverallKey = "evalharness.overall";

    private readonly ProgressContext _context;
    private readonly RunTally _tally = new();
    private readonly ConcurrentDictionary<(string, string), CellLine> _lines = new();
    private readonly List<(string Model, string Eval, int Samples)> _planned = [];
    private readonly Lock _lock = new();
    private ProgressTask? _overall;

    public ProgressObserver(ProgressContext context) => _context = context;

    /// <summary>The columns for <c>console.Progress()</c>: the bar, ETA and elapsed time only on the overall line.</summary>
    public static ProgressColumn[] Columns() =>
    [
        new TaskDescriptionColumn { Alignment = Justify.Left },
        new OverallOnly(new ProgressBarColumn()),
        new CountColumn(),
        new OverallOnly(new PercentageColumn()),
        new OverallOnly(new ElapsedTimeColumn()),
        new OverallOnly(new RemainingTimeColumn()),
    ];

    public void OnPlanned(string model, string eval, int samples)
    {
        // The engine plans every cell before the first request: the overall line is created once all are known,
        // on the first report after planning (or here when the count is already large enough to skip cell lines).
        lock (_lock)
        {
            _tally.Plan(model, eval, samples);
            _planned.Add((model, eval, samples));
        }
    }

    public void OnRetrying(string model, string eval, string sampleId, ModelCallException error, int attempt, TimeSpan delay)
    {
        EnsureTasks();
        if (!_lines.TryGetValue((model, eval), out var line)) return;
        line.Retry = string.Create(CultureInfo.InvariantCulture, $"retrying {error.Kind.ToCsv()} in {delay.TotalSeconds:0.#}s");
        line.Task.Description = line.Label();
    }

    public void OnFinished(SampleResult result)
    {
        EnsureTasks();
        var cell = _tally.Finish(result);
        _overall!.Increment(1);
        _overall.Description = OverallLabel();
        if (_lines.TryGetValue((result.Model, result.Eval), out var line))
        {
            line.Errors = cell.Errors;
            line.Retry = null;
            line.Task.Increment(1);
            line.Task.Description = line.Label();
        }
    }

    public void OnBatchProgress(string model, string line) =>
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(model)}: {Markup.Escape(line)}[/]");

    public void OnLaneStopped(string model, ModelCallException cause) =>
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(ErrorSummary.LaneStoppedLine(model, cause))}[/]");

    private void EnsureTasks()
    {
        if (_overall is not null) return;
        lock (_lock)
        {
            if (_overall is not null) return;
            var overall = _context.AddTask(OverallLabel(), maxValue: Math.Max(1, _tally.Total));
            overall.State.Update<bool>(OverallKey, _ => true);
            if (_planned.Count <= MaxCellLines)
            {
                foreach (var (model, eval, samples) in _planned)
                {
                    _lines[(model, eval)] = new CellLine(_context.AddTask(CellLine.Label(model, eval, 0, null), maxValue: Math.Max(1, samples)), model, eval);
                }
            }
            _overall = overall;
        }
    }

    private string OverallLabel()
    {
        var errors = _tally.ErrorsText();
        return "[bold]all[/] " + (_tally.Errors > 0 ? $"[red]{Markup.Escape(errors)}[/]" : Markup.Escape(errors));
    }

    private static bool IsOverall(ProgressTask task) => task.State.Get<bool>(OverallKey);

    private sealed class CellLine(ProgressTask task, string model, string eval)
    {
        public ProgressTask Task { get; } = task;

        public int Errors { get; set; }

        public string? Retry { get; set; }

        public string Label() => Label(model, eval, Errors, Retry);

        public static string Label(string model, string eval, int errors, string? retry)
        {
            var text = $"  {Markup.Escape(model)} / {Markup.Escape(eval)}";
            if (errors > 0) text += $" [red]{errors} err[/]";
            if (retry is not null) text += $" [yellow]{Markup.Escape(retry)}[/]";
            return text;
        }
    }

    /// <summary>"done/total" for every line.</summary>
    private sealed class CountColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(CultureInfo.InvariantCulture, $"{(long)task.Value}/{(long)task.MaxValue}"));
    }

    /// <summary>Renders <paramref name="inner"/> on the overall line only: one bar, not one per cell.</summary>
    private sealed class OverallOnly(ProgressColumn inner) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            IsOverall(task) ? inner.Render(options, task, deltaTime) : Text.Empty;

        public override int? GetColumnWidth(RenderOptions options) => inner.GetColumnWidth(options);
    }
}
