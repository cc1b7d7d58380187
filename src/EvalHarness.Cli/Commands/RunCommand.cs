using System.CommandLine;
using EvalHarness.Cli.Console;
using EvalHarness.Core.Application;
using Spectre.Console;

namespace EvalHarness.Cli.Commands;

/// <summary><c>evalharness run</c>: the suite's evals against its models, into a run folder (the flow: <see cref="RunService"/>).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var suite = new Option<string?>("--suite") { Description = "Suite from settings (default: DefaultSuite, 'default')" };
        var evals = CommonOptions.Evals("Comma-separated evals (default: the suite's)");
        var models = CommonOptions.Models("Comma-separated models (default: the suite's), e.g. gpt-4.1-nano");
        var output = new Option<string?>("--out") { Description = "Run folder (default: results/<run-id>)" };
        var resume = new Option<string?>("--resume") { Description = "Continue an interrupted run folder: finished requests are reused, not re-sent" };
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines instead of live bars (automatic when output is redirected)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print samples, input tokens and the cost upper bound per model; send nothing" };
        var yes = new Option<bool>("--yes") { Description = "Start even when the cost upper bound exceeds Budget:MaxUsdPerRun" };
        var noHistory = new Option<bool>("--no-history") { Description = "Do not record this run in the history database (History:Path)" };
        var shard = new Option<string?>("--shard") { Description = "Run only shard k of N (1-based, e.g. 2/4); merge the shard folders with `merge`", HelpName = "k/N" };
        var cache = new Option<bool>("--cache") { Description = "Answer identical requests from the response cache, store new answers (Cache:Enabled, Cache:Path)" };
        var batch = new Option<bool>("--batch") { Description = "Send through the endpoint's Batch API (/v1/files + /v1/batches): half price, results within 24 h; `--resume` re-attaches (Batch:*)" };
        var seed = CommonOptions.Seed();
        var limit = CommonOptions.Limit();
        var option = CommonOptions.EvalOption();
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var command = new Command("run", "Run evals against models and write results/<run-id>/ (samples.csv, summary.csv, manifest.json, responses.jsonl)")
        {
            suite, evals, models, seed, limit, option, output, resume, plain, dryRun, yes, noHistory, cache, config, set, shard, batch,
        };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(async () =>
        {
            await using var context = HarnessContext.Load(parse.GetValue(config), parse.GetValue(set) ?? []);
            var request = new RunPlanRequest
            {
                Suite = parse.GetValue(suite),
                Evals = CommonOptions.SplitList(parse.GetValue(evals)),
                Models = CommonOptions.SplitList(parse.GetValue(models)),
                Seed = parse.GetValue(seed),
                Limit = parse.GetValue(limit),
                Options = parse.GetValue(option) ?? [],
                Resume = parse.GetValue(resume),
                Out = parse.GetValue(output),
                Shard = parse.GetValue(shard) is { } k ? Core.Running.ShardSpec.Parse(k) : null,
            };
            var console = AnsiConsole.Console;
            var interactive = !parse.GetValue(plain) && console.Profile.Capabilities.Interactive && !System.Console.IsOutputRedirected;
            var service = new RunService(context.Settings, context.Config, context.Redactor, new ConsoleRunHost(context, console, interactive, ct));
            if (parse.GetValue(dryRun))
            {
                var dry = await service.DryRunAsync(request, parse.GetValue(batch), ct);
                RunEstimate.Print(console, dry.Plan.Models, dry.Evals, dry.Prices, dry.Batch);
                return ExitCodes.Success;
            }
            var run = await service.RunAsync(new RunRequest
            {
                Plan = request,
                Yes = parse.GetValue(yes),
                NoHistory = parse.GetValue(noHistory),
                Cache = parse.GetValue(cache),
                Batch = parse.GetValue(batch),
                CommandLine = CliRunner.RedactedCommandLine(context.Redactor),
            }, ct);
            if (run.Outcome.Cancelled)
            {
                console.MarkupLine($"[yellow]Cancelled.[/] Finished requests are in responses.jsonl; continue with: evalharness run --resume {Markup.Escape(run.RunDirectory)} (options are read from its manifest)");
                return ExitCodes.Cancelled;
            }
            return run.Outcome.Results.Any(r => r.IsError) ? ExitCodes.SamplesErrored : ExitCodes.Success;
        }));
        return command;
    }
}
