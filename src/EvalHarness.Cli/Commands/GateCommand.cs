using System.CommandLine;
using System.Globalization;
using EvalHarness.Core.Application;
using EvalHarness.Core.Reporting.Gate;
using Spectre.Console;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness gate CANDIDATE_RUN --baseline RUN [--baseline RUN ...] | --baseline-history [K]</c>: the nightly regression gate (a thin
/// layer over <see cref="GateEngine"/>). Exit 0 pass (WARN included), 3 regression, 4 guard tripped.
/// </summary>
internal static class GateCommand
{
    public static Command Create()
    {
        var candidate = new Argument<string>("candidate") { Description = "The run folder to judge (tonight's run)" };
        var baseline = new Option<string[]>("--baseline") { Description = "Baseline run folder; repeat for the last K accepted runs (pooled per sample)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var delta = new Option<string[]>("--delta") { Description = "Margin per eval, e.g. niah=0.02,mrcr=0.05 (a bare number sets every eval); overrides Gate:Deltas", Arity = ArgumentArity.ZeroOrMore };
        var fromHistory = new Option<int?>("--baseline-history") { Description = "Baseline: the last K accepted runs of the candidate's suite in the history database (default K = 1)", Arity = ArgumentArity.ZeroOrOne };
        var db = HistoryCommand.DbOption();
        var output = new Option<string?>("--out") { Description = "Folder for gate.md, gate.junit.xml and gate.json (default: CANDIDATE/gate; gate.json is always also written there)" };
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var command = new Command("gate", "Regression gate: candidate run vs baseline run(s) on declared cells (exit 0 pass, 3 regression, 4 guard tripped)")
        {
            candidate, baseline, fromHistory, db, delta, output, config, set,
        };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(async () =>
        {
            await using var context = HarnessContext.Load(parse.GetValue(config), parse.GetValue(set) ?? []);
            var result = await GateService.GateAsync(new GateRequest
            {
                Candidate = parse.GetValue(candidate)!,
                Baselines = parse.GetValue(baseline) ?? [],
                HistoryRuns = parse.GetResult(fromHistory) is null ? null : parse.GetValue(fromHistory) ?? 1,
                Deltas = parse.GetValue(delta) ?? [],
                Out = parse.GetValue(output),
                HistoryDb = HistoryCommand.DbPath(context, parse.GetValue(db)),
            }, context.Config, ct);
            var report = result.Report;
            Render(System.Console.Out, report);
            if (result.HistoryNote is { } note) System.Console.Out.WriteLine(note);
            AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(Path.GetFullPath(result.OutDirectory))}[/] ({GateMarkdown.FileName}, {GateJUnit.FileName}, {GateJson.FileName})");
            return ExitCodeOf(report);
        }));
        return command;
    }

    public static int ExitCodeOf(GateReport report) =>
        report.GuardTripped ? ExitCodes.GateGuardTripped : report.Regression ? ExitCodes.GateRegression : ExitCodes.Success;

    /// <summary>Plain lines (no markup, no wrapping): a CI log shows the verdict block first and can grep it.</summary>
    public static void Render(TextWriter console, GateReport report)
    {
        foreach (var line in GateMarkdown.VerdictBlock(report)) console.WriteLine(line);
        foreach (var c in report.Cells)
        {
            console.WriteLine($"  cell {c.Name}: {c.Verdict.ToString().ToUpperInvariant()}{(c.Underpowered ? " UNDERPOWERED" : "")}, n {c.NPaired}, "
                + $"{GateEngine.Fmt(c.MeanBaseline)} -> {GateEngine.Fmt(c.MeanCandidate)}, diff {GateEngine.Signed(c.Diff)}, "
                + $"{GateEngine.Pct(c.CiLevel)} CI {GateEngine.Signed(c.Low)}..{GateEngine.Signed(c.High)}, "
                + $"p Holm {(double.IsFinite(c.PHolm) ? c.PHolm.ToString("G3", CultureInfo.InvariantCulture) : "-")}, δ {GateEngine.Fmt(c.Delta)}, MDE {GateEngine.Fmt(c.Mde)}");
        }
        foreach (var note in report.Notes) console.WriteLine("  note: " + note);
    }
}
