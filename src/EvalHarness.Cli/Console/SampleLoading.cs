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
    public static async Task<IReadOnlyList<EvalPlan>> LoadAsync(IAnsiConsole console, Func<IRunObserver, Task<IReadOnlyList<EvalPlan>>> load, bool live)
    {
        if (!live)
        {
            using var log = new LogObserver(System.Console.Out);
            return await load(log);
        }
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync("generating samples", ctx => load(new StatusObserver(console, ctx)));
    }

    private sealed class StatusObserver(IAnsiConsole console, StatusContext status) : IRunObserver
    {
        public void OnSamplesLoading(string eval) => status.Status($"generating {Markup.Escape(eval)} samples...");

        public void OnSamplesLoaded(string eval, int samples, TimeSpan elapsed) =>
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  {Markup.Escape(eval)}: {samples} samples [grey]({elapsed.TotalSeconds:0.0} s)[/]"));
    }
}
