using System.CommandLine;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Report;
using Spectre.Console;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness report RUN [RUN ...] [--out report.html]</c>: one self-contained HTML page (NIAH heatmaps, MRCR,
/// Graphwalks, IFEval, TTFT, cost frontier; charts inline SVG); a thin layer over <see cref="RunReport"/>.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Run folders or samples.csv files", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "HTML file to write (default: <run>/report.html for one run folder, else ./report.html); one self-contained file, charts inline" };
        var published = new Option<string>("--published") { Description = "Folder of published results CSVs shown beside measured cells (skipped if absent)", DefaultValueFactory = _ => PublishedResults.DefaultDirectory };
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var command = new Command("report", "Write an HTML report (heatmaps and charts) for run folders or samples.csv files")
        {
            inputs, output, published, config, set,
        };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(async () =>
        {
            await using var context = HarnessContext.Load(parse.GetValue(config), parse.GetValue(set) ?? []);
            var paths = parse.GetValue(inputs) ?? [];
            var options = new RunReportOptions
            {
                Prices = PriceTable.FromConfiguration(context.Config),
                Published = PublishedResults.Load(parse.GetValue(published)!),
            };
            var report = RunReport.Load(paths, options);
            var outFile = parse.GetValue(output)
                ?? (paths.Length == 1 && Directory.Exists(paths[0]) ? Path.Combine(paths[0], RunReport.FileName) : RunReport.FileName);
            report.Write(outFile);
            AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(Path.GetFullPath(outFile))}[/]");
            return ExitCodes.Success;
        }));
        return command;
    }
}
