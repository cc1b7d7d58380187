using System.CommandLine;
using EvalHarness.Core;
using EvalHarness.Core.Application;
using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Report;
using Spectre.Console;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness merge DIR... --out DIR</c>: the shard folders of one plan (<c>run --shard k/N</c>) into one run
/// folder, every summary, CI and the report recomputed from the per-sample results (<see cref="MergeService"/>).
/// </summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var shards = new Argument<string[]>("shards") { Description = "The shard run folders (one per k of `run --shard k/N`)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The merged run folder to write (new)", Required = true };
        var noHistory = new Option<bool>("--no-history") { Description = "Do not record the merged run in the history database (History:Path)" };
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var command = new Command("merge", "Merge the shard run folders of one plan (run --shard k/N) into one run folder")
        {
            shards, output, noHistory, config, set,
        };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(async () =>
        {
            await using var context = HarnessContext.Load(parse.GetValue(config), parse.GetValue(set) ?? []);
            var console = CliApp.Console();
            var merged = await new MergeService(context.Settings, context.Config).MergeAsync(new MergeRequest
            {
                Shards = parse.GetValue(shards) ?? [],
                Out = parse.GetValue(output)!,
                NoHistory = parse.GetValue(noHistory),
                CommandLine = CliRunner.RedactedCommandLine(context.Redactor),
            }, ct);
            try
            {
                RunReport.Load([merged.OutDirectory], new RunReportOptions
                    {
                        Prices = PriceTable.FromConfiguration(context.Config),
                        Published = Core.Reporting.PublishedResults.Load(Core.Reporting.PublishedResults.DefaultDirectory),
                    })
                    .Write(Path.Combine(merged.OutDirectory, RunReport.FileName));
            }
            catch (Exception ex) when (ex is EvalInputException or IOException)
            {
                console.MarkupLine($"[yellow]{RunReport.FileName} not written:[/] {Markup.Escape(ex.Message)}");
            }
            console.MarkupLine($"Merged {merged.Shards} shards ({merged.Outcome.Results.Count} results) into [blue]{Markup.Escape(Path.GetFullPath(merged.OutDirectory))}[/] (run {Markup.Escape(merged.RunId)})");
            if (merged.HistoryNote is { } note) console.MarkupLine(Markup.Escape(note));
            return merged.Outcome.Results.Any(r => r.IsError) ? ExitCodes.SamplesErrored : ExitCodes.Success;
        }));
        return command;
    }
}
