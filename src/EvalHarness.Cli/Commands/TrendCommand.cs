using System.CommandLine;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Trend;
using Spectre.Console;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness trend RUN [RUN ...] [--out trend.html] [--suite S] [--group G]</c>: score, TTFT and cost per night
/// with gate verdicts and endpoint drift, one self-contained HTML page; a thin layer over <see cref="TrendPage"/>.
/// </summary>
internal static class TrendCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("runs") { Description = "Run folders, one per night (any order: they are sorted by start time)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "HTML file to write", DefaultValueFactory = _ => TrendPage.FileName };
        var suite = new Option<string?>("--suite") { Description = "Only runs of this suite (manifest.json 'suite')" };
        var group = new Option<string>("--group") { Description = "summary.csv group to plot per model x eval", DefaultValueFactory = _ => Summary.AllGroup };
        var command = new Command("trend", "Write an HTML trend page (score with CI, TTFT, cost per night; gate verdicts; endpoint drift) from run folders")
        {
            inputs, output, suite, group,
        };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(async () =>
        {
            var suiteName = parse.GetValue(suite);
            var points = await new RunFolderTrendSource(parse.GetValue(inputs) ?? [], parse.GetValue(group)!, suiteName).LoadAsync(ct);
            if (points.Count == 0)
                throw new EvalInputException(suiteName is null ? $"trend: no summary row of group '{parse.GetValue(group)}' in the runs given" : $"trend: no run of suite '{suiteName}' among the runs given");
            var outFile = parse.GetValue(output)!;
            AtomicFile.WriteAllText(outFile, TrendPage.Build(points));
            var series = TrendSeries.Build(points);
            var nights = points.Select(p => p.RunId).Distinct(StringComparer.Ordinal).Count();
            AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(Path.GetFullPath(outFile))}[/] ({nights} nights, {series.Count} model x eval series, {series.Sum(s => s.Nights.Count(n => n.Drift))} endpoint drift marks)");
            return ExitCodes.Success;
        }));
        return command;
    }
}
