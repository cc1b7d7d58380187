using System.CommandLine;
using System.Text;
using EvalHarness.Core.Application;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Running;
using EvalHarness.Core.Files;

namespace EvalHarness.Cli.Commands;

/// <summary><c>evalharness prompts</c>: write an eval's samples as JSONL without calling any model.</summary>
internal static class PromptsCommand
{
    public static Command Create()
    {
        var eval = CommonOptions.Eval("Evaluator name (see `evalharness list`)");
        var output = new Option<string>("--out") { Description = "Output JSONL file", Required = true };
        var suite = new Option<string?>("--suite") { Description = "Take the eval's options from this suite (default: DefaultSuite)" };
        var seed = CommonOptions.Seed();
        var limit = CommonOptions.Limit();
        var option = CommonOptions.EvalOption();
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var command = new Command("prompts", "Write samples as JSONL ({id, eval, messages, truth, labels}) for inspection and replay")
        {
            eval, output, suite, seed, limit, option, config, set,
        };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(async () =>
        {
            await using var context = HarnessContext.Load(parse.GetValue(config), parse.GetValue(set) ?? []);
            var (evaluator, request) = RunPlanner.PlanEval(
                context.Settings, parse.GetValue(eval)!, parse.GetValue(suite), parse.GetValue(seed), parse.GetValue(limit), parse.GetValue(option) ?? []);
            var plans = await RunCoordinator.LoadSamplesAsync([(evaluator, request)], ct);
            var samples = plans[0].Samples;
            var path = parse.GetValue(output)!;
            AtomicFile.Write(path, w =>
            {
                foreach (var s in samples)
                {
                    w.Write(PromptsJsonl.ToLine(s));
                    w.Write('\n');
                }
            });
            var chars = samples.Sum(s => s.Messages.Sum(m => (long)m.Content.Length));
            System.Console.WriteLine($"wrote {samples.Count} {evaluator.Name} prompts ({chars} characters) to {path}; samples_sha256 {PromptsJsonl.Hash(samples)}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
