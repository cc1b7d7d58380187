using System.CommandLine;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.History;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Trend;
using EvalHarness.Report.Trend;
using Spectre.Console;
using EvalHarness.Core;
using EvalHarness.Core.Files;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness trend RUN [RUN ...] | --history [--db PATH] [--out trend.html] [--suite S] [--group G]</c>: score, TTFT and cost per night
/// with gate verdicts and endpoint drift, one self-contained HTML page; a thin layer over <see cref="TrendPage"/>.
/// </summary>
internal static class TrendCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("runs") { Description = "Run folders, one per night (any order: they are sorted by start time)", Arity = ArgumentArity.ZeroOrMore };
        var fromHistory = new Option<bool>("--history") { Description = "Every run recorded in the history database instead of run folders" };
        var db = HistoryCommand.DbOption();
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var output = new Option<string>("--out") { Description = "HTML file to write", DefaultValueFactory = _ => TrendPage.FileName };
        var suite = new Option<string?>("--suite") { Description = "Only runs of this suite (manifest.json 'suite')" };
        var group = new Option<string>("--group") { Description = "summary.csv group to plot per model x eval", DefaultValueFactory = _ => Summary.AllGroup };
        var command = new Command("trend", "Write an HTML trend page (score with CI, TTFT, cost per night; gate verdicts; endpoint drift) from run folders")
        {
            inputs, output, suite, group, fromHistory, db, config, set,
        };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(async () =>
        {
            var suiteName = parse.GetValue(suite);
            var folders = parse.GetValue(inputs) ?? [];
            var useHistory = parse.GetValue(fromHistory);
            if (useHistory == folders.Length > 0) throw new EvalInputException("trend: give either run folders or --history");
            IReadOnlyList<TrendPoint> points;
            if (useHistory)
            {
                await using var context = HarnessContext.Load(parse.GetValue(config), parse.GetValue(set) ?? []);
                await using var store = await HistoryStore.OpenAsync(HistoryCommand.DbPath(context, parse.GetValue(db)), create: false, ct);
                points = await new HistoryTrendSource(store, parse.GetValue(group)!, suiteName).LoadAsync(ct);
            }
            else
            {
                points = await new RunFolderTrendSource(folders, parse.GetValue(group)!, suiteName).LoadAsync(ct);
            }
            var where = useHistory ? "in the history" : "among the runs given";
            if (points.Count == 0)
                throw new EvalInputException(suiteName is null ? $"trend: no summary row of group '{parse.GetValue(group)}' {where}" : $"trend: no run of suite '{suiteName}' {where}");
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
