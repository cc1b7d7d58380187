using System.CommandLine;
using EvalHarness.Core.Evaluators;
using Spectre.Console;

namespace EvalHarness.Cli.Commands;

/// <summary><c>evalharness list</c>: evaluators, suites and configured models.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var command = new Command("list", "List evaluators, suites and configured models") { config, set };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(async () =>
        {
            await using var context = HarnessContext.Load(parse.GetValue(config), parse.GetValue(set) ?? []);
            var console = AnsiConsole.Console;
            var evals = new Table().Title("evaluators").AddColumns("name", "description");
            foreach (var name in EvaluatorRegistry.Names)
            {
                evals.AddRow(Markup.Escape(name), Markup.Escape(EvaluatorRegistry.Create(name).Description));
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
            return ExitCodes.Success;
        }));
        return command;
    }
}
