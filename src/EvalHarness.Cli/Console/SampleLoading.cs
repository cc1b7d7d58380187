using System.Globalization;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Running;
using Spectre.Console;

namespace EvalHarness.Cli.Console;

/// <summary>
/// Generates or loads every eval's samples with a visible line while it happens (a spinner on a terminal, plain lines
/// otherwise) and one line per eval when its samples are ready: long-context generation takes seconds before the
/// first request, and a silent console looks hung.
/// </summary>
internal static class SampleLoading
{
    public static Task<IReadOnlyList<EvalPlan>> LoadAsync(IAnsiConsole console, IReadOnlyList<(IEvaluator Evaluator, EvalRequest Request)> evals, bool live, CancellationToken ct)
    {
        if (!live) return RunCoordinator.LoadSamplesAsync(evals, new LogObserver(System.Console.Out), ct);
        return console.Status().Spinner(Spinner.Known.Dots).StartAsync("generating samples", ctx => RunCoordinator.LoadSamplesAsync(evals, new StatusObserver(console, ctx), ct));
    }

    private sealed class StatusObserver(IAnsiConsole console, StatusContext status) : IRunObserver
    {
        public void OnSamplesLoading(string eval) => status.Status($"generating {Markup.Escape(eval)} samples...");

        public void OnSamplesLoaded(string eval, int samples, TimeSpan elapsed) =>
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  {Markup.Escape(eval)}: {samples} samples [grey]({elapsed.TotalSeconds:0.0} s)[/]"));
    }
}
