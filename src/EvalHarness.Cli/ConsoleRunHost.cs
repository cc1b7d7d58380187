using EvalHarness.Cli.Console;
using EvalHarness.Core.Application;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;
using EvalHarness.Report;
using EvalHarness.Core.Running;
using Spectre.Console;
using EvalHarness.Core;

namespace EvalHarness.Cli;

/// <summary>The console side of <see cref="RunService"/>: simulator and clients, progress bars or log lines, Ctrl-C, the report.</summary>
internal sealed class ConsoleRunHost(HarnessContext context, IAnsiConsole console, bool interactive, CancellationToken ct) : IRunHost
{
    public Task<(Uri BaseUrl, string ApiKey, string Endpoint)> ResolveEndpointAsync(ModelSettings model, CancellationToken cancel) =>
        context.ResolveEndpointAsync(model, cancel);

    public Task<(IModelClient Client, string BaseUrl)> CreateClientAsync(ModelSettings model, CancellationToken cancel) =>
        context.CreateClientAsync(model, cancel);

    public IRunStop BeginRun(TimeSpan grace) => new RunCancellation(grace, ct);

    public Task<IReadOnlyList<EvalPlan>> LoadSamplesAsync(Func<IRunObserver, Task<IReadOnlyList<EvalPlan>>> load) =>
        SampleLoading.LoadAsync(console, load, interactive);

    public async Task<RunOutcome> ObserveAsync(Func<IRunObserver, Task<RunOutcome>> run)
    {
        if (interactive)
        {
            return await console.Progress()
                .AutoClear(false)
                .Columns(ProgressObserver.Columns())
                .StartAsync(ctx => run(new ProgressObserver(ctx)));
        }
        using var log = new LogObserver(System.Console.Out);
        return await run(log);
    }

    public void WriteReport(RunPlan plan, RunOutcome outcome)
    {
        try
        {
            // Every run folder gets its self-contained report; a failure here never loses the run's data.
            RunReport.Load([outcome.RunDirectory], new RunReportOptions
                {
                    Prices = Core.Reporting.Pricing.PriceTable.FromConfiguration(context.Config),
                    Published = Core.Reporting.PublishedResults.Load(Core.Reporting.PublishedResults.DefaultDirectory),
                })
                .Write(Path.Combine(outcome.RunDirectory, RunReport.FileName));
        }
        catch (Exception ex) when (ex is EvalInputException or IOException)
        {
            console.MarkupLine($"[yellow]{RunReport.FileName} not written:[/] {Markup.Escape(ex.Message)}");
        }
    }

    public void On(RunEvent e)
    {
        switch (e)
        {
            case RunEvent.Planned p:
                console.MarkupLine($"[bold]evalharness run[/] suite [blue]{Markup.Escape(p.Plan.Suite)}[/], models {Markup.Escape(string.Join(", ", p.Plan.Models.Select(m => m.Name)))}, seed {p.Plan.Seed}");
                break;
            case RunEvent.Notice { Warning: false } n:
                console.MarkupLine($"[grey]info:[/] {Markup.Escape(n.Text)}");
                break;
            case RunEvent.Notice n:
                console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(n.Text)}");
                break;
            case RunEvent.Finished f:
                var outcome = f.Outcome;
                SummaryTable.Render(console, outcome.Summary, includeGroups: outcome.Summary.Count <= 40);
                var errors = outcome.Results.Count(r => r.IsError);
                console.MarkupLine($"Wrote [blue]{Markup.Escape(Path.GetFullPath(outcome.RunDirectory))}[/] ({outcome.Results.Count} samples, {errors} errors{(outcome.Results.Count(r => r.NotSent) is > 0 and var notSent ? $", {notSent} not sent" : "")}{(outcome.NotRun > 0 ? $", {outcome.NotRun} not run" : "")})");
                ErrorSummary.Render(console, ErrorBreakdown.From(outcome.Results));
                break;
            case RunEvent.HistoryRecorded h:
                console.MarkupLine($"Recorded in history [blue]{Markup.Escape(h.Path)}[/]");
                break;
            case RunEvent.HistoryNotRecorded h:
                console.MarkupLine($"[yellow]history not recorded:[/] {Markup.Escape(h.Reason)}");
                break;
        }
    }
}
