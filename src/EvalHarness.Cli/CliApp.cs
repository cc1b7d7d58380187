using System.CommandLine;
using EvalHarness.Cli.Commands;
using EvalHarness.Cli.Console;
using EvalHarness.Core.Evaluators;
using Spectre.Console;

namespace EvalHarness.Cli;

/// <summary>
/// The CLI as a callable: parses <c>args</c>, runs the verb and returns its exit code. The eval catalog (built-ins by
/// default) and the standard output writer are given per call and hold for that call's async flow only, so a test can
/// run the CLI in-process with an eval of its own without it leaking into tests running beside it.
/// </summary>
public static class CliApp
{
    private static readonly AsyncLocal<TextWriter?> OutputOverride = new();

    public static async Task<int> RunAsync(string[] args, EvalCatalog? catalog = null, TextWriter? output = null)
    {
        using var scope = EvalCatalog.Use(catalog ?? EvalCatalog.BuiltIn);
        OutputOverride.Value = output;
        var root = new RootCommand("evalharness: long-context and instruction-following evals (NIAH, OpenAI-MRCR, Graphwalks, IFEval) against any OpenAI-compatible model")
        {
            RunCommand.Create(),
            ListCommand.Create(),
            PromptsCommand.Create(),
            ScoreCommand.Create(),
            ServeCommand.Create(),
            CompareCommand.Create(),
            GateCommand.Create(),
            HistoryCommand.Create(),
            CacheCommand.Create(),
            TrendCommand.Create(),
            ReportCommand.Create(),
            MergeCommand.Create(),
            InitCommand.Create(),
        };
        HelpExamples.Install(root, Environment.GetEnvironmentVariable("COLUMNS") is null ? null : AnsiConsole.Console.Profile.Width);
        if (args.Length == 0)
        {
            // No verb: the usage (verbs and examples), exit 2 like any other incomplete command line.
            await root.Parse(["--help"]).InvokeAsync(output is null ? null : new InvocationConfiguration { Output = output }).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) System.Console.Error.WriteLine("error: " + CliRunner.ParseErrorText(error.Message));
            return ExitCodes.BadInput;
        }
        // Ctrl-C is handled by the run itself (stop sending, let in-flight requests finish, flush): not by the parser.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
        if (output is not null) invocation.Output = output;
        return await parse.InvokeAsync(invocation).ConfigureAwait(false);
    }

    /// <summary>Standard output of this call: the writer given to <see cref="RunAsync"/>, else the process's.</summary>
    internal static TextWriter Out => OutputOverride.Value ?? System.Console.Out;

    /// <summary>A Spectre console on <see cref="Out"/> (plain text and wide when a writer was given).</summary>
    internal static IAnsiConsole Console()
    {
        if (OutputOverride.Value is not { } writer) return AnsiConsole.Console;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return console;
    }
}
