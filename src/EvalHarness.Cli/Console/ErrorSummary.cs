using System.Globalization;
using EvalHarness.Core.Models;
using EvalHarness.Core.Running;
using Spectre.Console;

namespace EvalHarness.Cli.Console;

/// <summary>Console text for errors: the one line when a model's lane stops, and the end-of-run errors by kind.</summary>
internal static class ErrorSummary
{
    public static string LaneStoppedLine(string model, ModelCallException cause) =>
        $"{model}: stopped after {cause.Kind.ToCsv()} ({cause.Message}); its remaining samples are not sent (error rows; `run --resume` sends them)";

    /// <summary>One line per error kind with its count and one example message; nothing when there were no errors.</summary>
    public static void Render(IAnsiConsole console, IReadOnlyList<ErrorKindCount> kinds)
    {
        if (kinds.Count == 0) return;
        console.MarkupLine("[bold]Errors by kind[/]");
        foreach (var k in kinds)
        {
            var notSent = k.NotSent > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({k.NotSent} not sent)") : "";
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"  [red]{Markup.Escape(k.Kind.ToCsv())}[/] {k.Count}{notSent}, e.g. {Markup.Escape(k.ExampleModel)}: {Markup.Escape(k.ExampleMessage)}"));
        }
    }
}
