using System.CommandLine;
using System.Globalization;
using EvalHarness.Cli.Console;
using EvalHarness.Core.Configuration;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Html;
using EvalHarness.Core.Running;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace EvalHarness.Cli.Commands;

/// <summary><c>evalharness run</c>: the suite's evals against its models, into a run folder.</summary>
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
        var seed = CommonOptions.Seed();
        var limit = CommonOptions.Limit();
        var option = CommonOptions.EvalOption();
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var command = new Command("run", "Run evals against models and write results/<run-id>/ (samples.csv, summary.csv, manifest.json, responses.jsonl)")
        {
            suite, evals, models, seed, limit, option, output, resume, plain, dryRun, yes, noHistory, config, set,
        };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(async () =>
        {
            await using var context = HarnessContext.Load(parse.GetValue(config), parse.GetValue(set) ?? []);
            var settings = context.Settings;
            // --resume DIR: the suite, evals, models, seed, limit and eval options come from the run's manifest.
            var resumeDir = parse.GetValue(resume);
            var resumed = resumeDir is null ? null : ResumeManifest.Load(resumeDir);
            if (resumed is not null && parse.GetValue(output) is { } outDir
                && !string.Equals(Path.GetFullPath(outDir).TrimEnd('/'), Path.GetFullPath(resumeDir!).TrimEnd('/'), StringComparison.Ordinal))
                throw new EvalInputException($"{outDir}: --out differs from the --resume folder {resumeDir}; a resumed run stays in its folder");
            var suiteName = resumed?.Pick("--suite", parse.GetValue(suite), resumed.Suite) ?? parse.GetValue(suite) ?? settings.DefaultSuite;
            SuiteSettings? suiteSettings = null;
            if (resumed is null && !settings.Suites.TryGetValue(suiteName, out suiteSettings))
                throw new EvalInputException($"unknown suite '{suiteName}' (configured: {string.Join(", ", settings.Suites.Keys.Order(StringComparer.Ordinal))})");

            var modelNames = CommonOptions.SplitList(parse.GetValue(models));
            if (resumed is not null) modelNames = resumed.PickList("--models", modelNames, resumed.Models);
            if (modelNames.Count == 0) modelNames = suiteSettings!.Models;
            if (modelNames.Count == 0) throw new EvalInputException($"suite '{suiteName}' names no models; pass --models");
            var modelSettings = modelNames.Select(context.GetModel).ToList();

            var evalNames = CommonOptions.SplitList(parse.GetValue(evals));
            if (resumed is not null) evalNames = resumed.PickList("--evals", evalNames, resumed.Evals.Select(e => e.Eval).ToList());
            if (evalNames.Count == 0) evalNames = suiteSettings!.Evals.Select(e => e.Eval).ToList();
            var suiteEvals = suiteSettings?.Evals.ToDictionary(e => e.Eval, e => e.Options, StringComparer.OrdinalIgnoreCase) ?? [];
            var runSeed = resumed is not null ? resumed.Pick("--seed", parse.GetValue(seed), resumed.Seed)!.Value : parse.GetValue(seed) ?? settings.Seed;
            var runLimit = resumed is not null ? resumed.Pick("--limit", parse.GetValue(limit), resumed.Limit) : parse.GetValue(limit);
            var commandLineOptions = parse.GetValue(option) ?? [];
            CommonOptions.ValidateEvalOptions(commandLineOptions, evalNames.Select(n => EvaluatorRegistry.Find(n).Name).ToList());
            resumed?.CheckOptions(commandLineOptions);
            var evalSpecs = new List<(IEvaluator, EvalRequest)>();
            foreach (var name in evalNames)
            {
                var registration = EvaluatorRegistry.Find(name);
                var options = resumed is not null
                    ? resumed.Evals.First(e => string.Equals(e.Eval, registration.Name, StringComparison.OrdinalIgnoreCase)).Options
                    : CommonOptions.MergeOptions(
                        registration.Name,
                        [settings.EvalOptions.GetValueOrDefault(registration.Name), suiteEvals.GetValueOrDefault(registration.Name)],
                        commandLineOptions);
                var evaluator = registration.Create(options);
                evalSpecs.Add((evaluator, new EvalRequest { Seed = runSeed, Limit = runLimit, Options = options }));
            }

            var console = AnsiConsole.Console;
            var live = !parse.GetValue(plain) && console.Profile.Capabilities.Interactive && !System.Console.IsOutputRedirected;
            var prices = Core.Reporting.Pricing.PriceTable.FromConfiguration(context.Config);
            if (parse.GetValue(dryRun))
            {
                await LifecycleCheck.RunAsync(context, modelSettings, console, network: false, ct);
                var plans = await SampleLoading.LoadAsync(console, evalSpecs, live, ct);
                RunEstimate.Print(console, modelSettings, plans, prices);
                return ExitCodes.Success;
            }

            // Resolve every client (keys, URLs) before anything is generated or sent: bad config fails fast with exit 2.
            var clients = new List<(Core.Models.ModelSettings, Core.Models.IModelClient, string)>();
            foreach (var m in modelSettings)
            {
                if (!m.IsSimulator)
                {
                    Core.Configuration.SettingsLoader.ResolveBaseUrl(m, context.Config);
                    Core.Configuration.SettingsLoader.ResolveApiKey(m, context.Config);
                }
            }

            var runId = resumed?.RunId ?? NewRunId(suiteName);
            var runDir = resumeDir ?? parse.GetValue(output) ?? Path.Combine(settings.ResultsDir, runId);
            if (resumed is null) RunFolder.EnsureNewAndWritable(runDir, parse.GetValue(output) is null ? "the run folder" : "--out");
            else RunFolder.EnsureWritable(runDir, "--resume");

            console.MarkupLine($"[bold]evalharness run[/] suite [blue]{Markup.Escape(suiteName)}[/], models {Markup.Escape(string.Join(", ", modelNames))}, seed {runSeed}");
            var evalPlans = await SampleLoading.LoadAsync(console, evalSpecs, live, ct);
            var budget = context.Config.GetValue<double?>("Budget:MaxUsdPerRun");
            if (budget is { } limitUsd && !parse.GetValue(yes))
            {
                var bound = RunEstimate.UpperBoundUsd(modelSettings, evalPlans, prices);
                if (bound > limitUsd)
                {
                    throw new EvalInputException(string.Create(CultureInfo.InvariantCulture,
                        $"cost upper bound ${bound:0.00} exceeds Budget:MaxUsdPerRun ${limitUsd:0.00}; check `run --dry-run`, then pass --yes to start anyway"));
                }
            }
            // Before any request (the simulator's warm-up included): a model the endpoint does not list, or a retired
            // one, is exit 2. After the offline budget check, so a refused budget never touches the network.
            var lifecycle = await LifecycleCheck.RunAsync(context, modelSettings, console, network: true, ct);
            foreach (var m in modelSettings)
            {
                var (client, baseUrl) = await context.CreateClientAsync(m, ct);
                clients.Add((m, client, baseUrl));
            }

            var spec = new RunSpec
            {
                RunId = runId,
                RunDirectory = runDir,
                Models = clients,
                Evals = evalSpecs,
                Seed = runSeed,
                Suite = suiteName,
                CommandLine = CliRunner.RedactedCommandLine(context.Redactor),
                Redactor = context.Redactor,
                Resume = resumeDir is not null,
                Published = PublishedResults.Load(PublishedResults.DefaultDirectory),
                Cost = prices.CostOf,
                RetryPolicyFor = m => new RetryPolicy(
                    m.MaxRetries,
                    TimeSpan.FromMilliseconds(settings.Engine.RetryBaseDelayMs),
                    TimeSpan.FromMilliseconds(settings.Engine.RetryMaxDelayMs),
                    TimeSpan.FromSeconds(m.MaxRetryWaitSeconds),
                    TimeSpan.FromSeconds(settings.Engine.MaxRetryAfterSeconds)),
                DeadEndpointFailures = settings.Engine.DeadEndpointFailures,
                Lifecycle = lifecycle,
            };

            using var cancel = new RunCancellation(TimeSpan.FromSeconds(settings.Engine.CancelGraceSeconds), ct);
            RunOutcome outcome;
            if (live)
            {
                outcome = await console.Progress()
                    .AutoClear(false)
                    .Columns(ProgressObserver.Columns())
                    .StartAsync(ctx => RunCoordinator.RunAsync(spec, evalPlans, new ProgressObserver(ctx), cancel.StopSending, cancel.Abort));
            }
            else
            {
                using var log = new LogObserver(System.Console.Out);
                outcome = await RunCoordinator.RunAsync(spec, evalPlans, log, cancel.StopSending, cancel.Abort);
            }

            try
            {
                // Every run folder gets its self-contained report; a failure here never loses the run's data.
                RunReport.Load([runDir], new RunReportOptions { Prices = prices, Published = spec.Published })
                    .Write(Path.Combine(runDir, RunReport.FileName));
            }
            catch (Exception ex) when (ex is EvalInputException or IOException)
            {
                console.MarkupLine($"[yellow]{RunReport.FileName} not written:[/] {Markup.Escape(ex.Message)}");
            }
            SummaryTable.Render(console, outcome.Summary, includeGroups: outcome.Summary.Count <= 40);
            var errors = outcome.Results.Count(r => r.IsError);
            console.MarkupLine($"Wrote [blue]{Markup.Escape(Path.GetFullPath(runDir))}[/] ({outcome.Results.Count} samples, {errors} errors{(outcome.Results.Count(r => r.NotSent) is > 0 and var notSent ? $", {notSent} not sent" : "")}{(outcome.NotRun > 0 ? $", {outcome.NotRun} not run" : "")})");
            ErrorSummary.Render(console, ErrorBreakdown.From(outcome.Results));
            await HistoryCommand.RecordRunAsync(console, context, runDir, skip: parse.GetValue(noHistory) || outcome.Cancelled, ct);
            if (outcome.Cancelled)
            {
                console.MarkupLine($"[yellow]Cancelled.[/] Finished requests are in responses.jsonl; continue with: evalharness run --resume {Markup.Escape(runDir)} (options are read from its manifest)");
                return ExitCodes.Cancelled;
            }
            return errors > 0 ? ExitCodes.SamplesErrored : ExitCodes.Success;
        }));
        return command;
    }

    private static string NewRunId(string suite) =>
        DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + suite + "-" + Guid.NewGuid().ToString("N")[..4];
}
