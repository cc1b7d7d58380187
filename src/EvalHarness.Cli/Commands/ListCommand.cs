using System.CommandLine;
using EvalHarness.Core.Evaluators;
using Spectre.Console;

namespace EvalHarness.Cli.Commands;

/// <summary><c>evalharness list</c>: evaluators, suites and configured models; <c>--columns [eval]</c>: per-sample schemas.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var columns = new Option<string?>("--columns")
        {
            Description = "Print each eval's samples_<eval>.csv columns (name, type, unit, description); give an eval name for one",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("list", "List evaluators, suites and configured models") { config, set, columns };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(async () =>
        {
            await using var context = HarnessContext.Load(parse.GetValue(config), parse.GetValue(set) ?? []);
            if (parse.GetResult(columns) is not null)
            {
                var only = parse.GetValue(columns);
                PrintColumns(CliApp.Out, only is null ? EvalCatalog.Current.Modules : [EvalCatalog.Current.Find(only)]);
                return ExitCodes.Success;
            }
            var console = CliApp.Console();
            var evals = new Table().Title("evaluators").AddColumns("name", "description");
            foreach (var module in EvalCatalog.Current.Modules)
            {
                evals.AddRow(Markup.Escape(module.Name), Markup.Escape(module.Description));
            }
            console.Write(evals);
            var suites = new Table().Title("suites").AddColumns("name", "models", "evals", "description");
            foreach (var s in context.Settings.Suites.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                suites.AddRow(
                    Markup.Escape(s.Name),
                    Markup.Escape(string.Join(", ", s.Models)),
                    Markup.Escape(string.Join("; ", s.Evals.Select(e => e.Eval + (e.Options.Count == 0 ? "" : " (" + string.Join(", ", e.Options.Select(o => o.Key + "=" + o.Value)) + ")")))),
                    Markup.Escape(s.Description));
            }
            console.Write(suites);
            var models = new Table().Title("models").AddColumns("name", "model id", "endpoint", "concurrency", "max output", "timeout s");
            foreach (var m in context.Settings.Models.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                models.AddRow(
                    Markup.Escape(m.Name), Markup.Escape(m.ApiModelId), Markup.Escape(m.BaseUrl),
                    m.Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    m.MaxOutputTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        ?? (m.ReasoningHeadroomTokens > 0 ? "eval default + " + m.ReasoningHeadroomTokens.ToString(System.Globalization.CultureInfo.InvariantCulture) : "eval default"),
                    m.TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            console.Write(models);
            console.MarkupLine("Any [blue]sim-oracle[/], [blue]sim-window-<N>k[/] or [blue]sim-noisy[/] id also works without configuration.");
            console.MarkupLine("Per-sample columns of each eval: [blue]evalharness list --columns[/] [[eval]].");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Plain aligned text (for reading and for grep): one block per eval, one line per column.</summary>
    private static void PrintColumns(TextWriter output, IEnumerable<IEvalModule> modules)
    {
        var first = true;
        foreach (var module in modules)
        {
            if (!first) output.WriteLine();
            first = false;
            output.WriteLine($"{module.Name}: {Core.RunFolders.RunFolder.EvalSamplesFileName(module.Name)} = {string.Join(", ", EvalCatalog.EvalFileKeyColumns)}, then");
            var rows = module.Columns.Select(c => (c.Name, Type: c.Type.ToString().ToLowerInvariant(), c.Unit, c.Description)).ToList();
            var nameWidth = Math.Max(4, rows.Select(r => r.Name.Length).DefaultIfEmpty(0).Max());
            var typeWidth = Math.Max(4, rows.Select(r => r.Type.Length).DefaultIfEmpty(0).Max());
            var unitWidth = Math.Max(4, rows.Select(r => r.Unit.Length).DefaultIfEmpty(0).Max());
            output.WriteLine($"  {"name".PadRight(nameWidth)}  {"type".PadRight(typeWidth)}  {"unit".PadRight(unitWidth)}  description");
            foreach (var (name, type, unit, description) in rows)
            {
                output.WriteLine($"  {name.PadRight(nameWidth)}  {type.PadRight(typeWidth)}  {unit.PadRight(unitWidth)}  {description}".TrimEnd());
            }
        }
    }
}
