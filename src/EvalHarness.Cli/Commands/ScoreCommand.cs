using System.CommandLine;
using EvalHarness.Cli.Console;
using EvalHarness.Core.Application;
using Spectre.Console;

namespace EvalHarness.Cli.Commands;

/// <summary><c>evalharness score</c>: score recorded responses without calling a model (<see cref="ScoreService"/>).</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var eval = CommonOptions.Eval("Evaluator name");
        var samplesFile = new Option<string?>("--samples") { Description = "Prompts JSONL written by `evalharness prompts`" };
        var responsesFile = new Option<string>("--responses") { Description = "JSONL of {\"id\",\"response\"} (a run's responses.jsonl works too)", Required = true };
        var output = new Option<string?>("--out") { Description = "Output folder for samples.csv and summary.csv (default: results/score-<time>)" };
        var model = new Option<string>("--model", "--models") { Description = "Model label for rows whose line has no \"model\" field", DefaultValueFactory = _ => "recorded" };
        var inputData = new Option<string?>("--input-data")
        {
            Description = "IFEval only: the official input_data.jsonl; --responses is then the official {\"prompt\",\"response\"} file",
        };
        var option = CommonOptions.EvalOption();
        var command = new Command("score", "Score recorded responses (no model calls); writes samples.csv and summary.csv")
        {
            eval, samplesFile, responsesFile, inputData, output, model, option,
        };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(() =>
        {
            var scored = ScoreService.Score(new ScoreRequest
            {
                Eval = parse.GetValue(eval)!,
                Samples = parse.GetValue(samplesFile),
                Responses = parse.GetValue(responsesFile)!,
                InputData = parse.GetValue(inputData),
                Out = parse.GetValue(output),
                Model = parse.GetValue(model)!,
                Options = parse.GetValue(option) ?? [],
            });
            SummaryTable.Render(AnsiConsole.Console, scored.Summary, includeGroups: scored.Summary.Count <= 40);
            AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(Path.GetFullPath(scored.OutDirectory))}[/] ({scored.Results.Count} rows)");
            return Task.FromResult(scored.Results.Any(r => r.IsError) ? ExitCodes.SamplesErrored : ExitCodes.Success);
        }));
        return command;
    }
}
