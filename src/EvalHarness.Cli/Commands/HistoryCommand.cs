using System.CommandLine;
using System.Globalization;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.History;
using EvalHarness.Core.RunFolders;
using Spectre.Console;
using EvalHarness.Core;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness history [list|accept|unaccept|import]</c>: the run history database (results/history.db, or
/// History:Path, or --db). <c>run</c> and <c>gate</c> record into it through their Core services.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var list = List();
        var command = new Command("history", "Run history (SQLite): list runs, mark accepted baselines, import run folders")
        {
            list, Mark("accept", true), Mark("unaccept", false), Import(),
        };
        foreach (var option in list.Options) command.Options.Add(option);
        command.Action = list.Action;
        return command;
    }

    public static Option<string?> DbOption() => new("--db") { Description = "History database (default: History:Path, results/history.db)" };

    /// <summary>The database path: --db as given, else History:Path under ResultsDir.</summary>
    public static string DbPath(HarnessContext context, string? db) => HistorySettings.ResolvePath(context.Config, context.Settings.ResultsDir, db);

    private static Command List()
    {
        var db = DbOption();
        var suite = new Option<string?>("--suite") { Description = "Only runs of this suite" };
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var command = new Command("list", "Runs, newest first: suite, models, mean per eval, accepted mark (*), gate verdict") { db, suite, config, set };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(async () =>
        {
            await using var context = HarnessContext.Load(parse.GetValue(config), parse.GetValue(set) ?? []);
            await using var store = await HistoryStore.OpenAsync(DbPath(context, parse.GetValue(db)), create: false, ct);
            var runs = (await store.ListRunsAsync(ct)).Where(r => parse.GetValue(suite) is not { } s || r.Suite == s).ToList();
            var console = AnsiConsole.Console;
            if (System.Console.IsOutputRedirected) console.Profile.Width = Math.Max(console.Profile.Width, 200);
            var table = new Table().Title($"history {Markup.Escape(store.Path)}").AddColumns("", "run_id", "started (UTC)", "suite", "status", "models", "mean per eval", "gate");
            foreach (var r in runs)
            {
                var means = r.EvalMeans.Select(m => r.Models.Count > 1 ? $"{m.Eval}/{m.Model} {Fmt(m.Mean)}" : $"{m.Eval} {Fmt(m.Mean)}");
                table.AddRow(
                    r.Accepted ? "*" : "", Markup.Escape(r.RunId), Markup.Escape(Date(r.StartedUtc)),
                    Markup.Escape(r.Suite ?? "-"), Markup.Escape(r.Status), Markup.Escape(string.Join(", ", r.Models)),
                    Markup.Escape(string.Join("; ", means)), Markup.Escape(r.GateVerdict ?? "-"));
            }
            console.Write(table);
            console.MarkupLine($"{runs.Count} run{(runs.Count == 1 ? "" : "s")}, {runs.Count(r => r.Accepted)} accepted (*)");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Mark(string name, bool accepted)
    {
        var runId = new Argument<string>("run-id") { Description = "The run's id (its folder name, as `history` lists it)" };
        var db = DbOption();
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var command = new Command(name, accepted ? "Mark a run as an accepted baseline (`gate --baseline-history` pools the last K)" : "Remove a run's accepted mark")
        {
            runId, db, config, set,
        };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(async () =>
        {
            await using var context = HarnessContext.Load(parse.GetValue(config), parse.GetValue(set) ?? []);
            await using var store = await HistoryStore.OpenAsync(DbPath(context, parse.GetValue(db)), create: false, ct);
            var id = parse.GetValue(runId)!;
            if (!await store.SetAcceptedAsync(id, accepted, ct))
                throw new EvalInputException($"{store.Path}: no run '{id}' in the history (see `evalharness history`)");
            System.Console.Out.WriteLine($"{id}: {(accepted ? "accepted" : "no longer accepted")}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Import()
    {
        var folders = new Argument<string[]>("folders") { Description = "Run folders (e.g. results/*); other folders and files are skipped with a line", Arity = ArgumentArity.OneOrMore };
        var db = DbOption();
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var command = new Command("import", "Record existing run folders in the history (idempotent: a run already there is replaced, its accepted mark kept)")
        {
            folders, db, config, set,
        };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(async () =>
        {
            await using var context = HarnessContext.Load(parse.GetValue(config), parse.GetValue(set) ?? []);
            await using var store = await HistoryStore.OpenAsync(DbPath(context, parse.GetValue(db)), create: true, ct);
            int added = 0, replaced = 0, skipped = 0;
            foreach (var folder in parse.GetValue(folders) ?? [])
            {
                if (!RunFolderReader.IsRunFolder(folder))
                {
                    System.Console.Out.WriteLine($"skipped {folder}: not a run folder (no samples.csv)");
                    skipped++;
                    continue;
                }
                var run = RecordedRun.From(RunFolderReader.ReadFolder(folder));
                var existed = await store.RecordAsync(run, ct);
                System.Console.Out.WriteLine($"{(existed ? "replaced" : "imported")} {run.RunId} ({folder}, {run.Samples.Count} samples)");
                if (existed) replaced++;
                else added++;
            }
            System.Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{added} imported, {replaced} replaced, {skipped} skipped into {store.Path}"));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Date(string? utc) => utc is null ? "-" : utc.Replace('T', ' ')[..Math.Min(19, utc.Length)];

    private static string Fmt(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
