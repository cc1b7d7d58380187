using System.CommandLine;
using System.Globalization;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.History;
using EvalHarness.Core.Reporting.Gate;
using EvalHarness.Core.Reporting.Pricing;
using Spectre.Console;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness gate CANDIDATE_RUN --baseline RUN [--baseline RUN ...] | --baseline-history [K]</c>: the nightly regression gate (a thin
/// layer over <see cref="GateEngine"/>). Exit 0 pass (WARN included), 3 regression, 4 guard tripped.
/// </summary>
internal static class GateCommand
{
    public const string DefaultFolder = "gate";

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
            var candidateRun = GateRunReader.Load(parse.GetValue(candidate)!);
            var settings = GateSettings.FromConfiguration(context.Config, candidateRun.Suite).WithDeltas(parse.GetValue(delta) ?? []);
            var folders = parse.GetValue(baseline) ?? [];
            var useHistory = parse.GetResult(fromHistory) is not null;
            if (useHistory == folders.Length > 0) throw new EvalInputException("gate: give either --baseline RUN (repeatable) or --baseline-history [K]");
            var dbPath = HistoryCommand.DbPath(context, parse.GetValue(db));
            HistoryStore? store = useHistory ? await HistoryStore.OpenAsync(dbPath, create: false, ct) : null;
            await using var _ = store;
            IBaselineSource source = store is not null
                ? new HistoryBaseline(store, candidateRun.Suite, parse.GetValue(fromHistory) ?? 1, candidateRun.RunId)
                : new RunFolderBaseline(folders);
            var baselineRuns = await source.LoadAsync(ct);
            var report = GateEngine.Evaluate(candidateRun, baselineRuns, settings, PriceTable.FromConfiguration(context.Config));
            var runFolderOut = Path.Combine(parse.GetValue(candidate)!, DefaultFolder);
            var outDir = parse.GetValue(output) ?? runFolderOut;
            WriteOutputs(report, outDir, runFolderOut, candidateRun.RunId, baselineRuns.Select(b => b.RunId).ToList());
            Render(System.Console.Out, report);
            await HistoryCommand.RecordVerdictAsync(store, dbPath, candidateRun.RunId, report.Outcome, ct);
            AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(Path.GetFullPath(outDir))}[/] ({GateMarkdown.FileName}, {GateJUnit.FileName}, {GateJson.FileName})");
            return ExitCodeOf(report);
        }));
        return command;
    }

    /// <summary>
    /// gate.md, gate.junit.xml and gate.json into <paramref name="outDir"/>; gate.json also into the candidate's own
    /// <c>gate/</c> folder, so the verdict stays with the night it judged (the trend page and the report read it there).
    /// </summary>
    public static void WriteOutputs(GateReport report, string outDir, string runFolderOut, string candidateRunId, IReadOnlyList<string> baselineIds)
    {
        Directory.CreateDirectory(outDir);
        GateMarkdown.Write(Path.Combine(outDir, GateMarkdown.FileName), report);
        GateJUnit.Write(Path.Combine(outDir, GateJUnit.FileName), report);
        GateJson.Write(Path.Combine(outDir, GateJson.FileName), report, candidateRunId, baselineIds);
        if (!SamePath(outDir, runFolderOut)) GateJson.Write(Path.Combine(runFolderOut, GateJson.FileName), report, candidateRunId, baselineIds);
    }

    public static int ExitCodeOf(GateReport report) =>
        report.GuardTripped ? ExitCodes.GateGuardTripped : report.Regression ? ExitCodes.GateRegression : ExitCodes.Success;

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

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
