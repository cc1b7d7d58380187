using System.CommandLine;
using System.Globalization;
using EvalHarness.Cli.Commands;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
// Secrets are masked by value in everything printed (the redactor gets the keys once the settings are loaded).
Console.SetOut(new EvalHarness.Cli.Console.RedactingTextWriter(Console.Out));
Console.SetError(new EvalHarness.Cli.Console.RedactingTextWriter(Console.Error));
// Tables as wide as COLUMNS, or unwrapped when output is redirected (CI logs), never cut at 80 columns.
var columns = EvalHarness.Cli.Console.ConsoleWidth.Apply(Spectre.Console.AnsiConsole.Console);

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
    TrendCommand.Create(),
    ReportCommand.Create(),
    InitCommand.Create(),
};
EvalHarness.Cli.Console.HelpExamples.Install(root, Environment.GetEnvironmentVariable("COLUMNS") is null ? null : columns);
if (args.Length == 0)
{
    // No verb: the usage (verbs and examples), exit 2 like any other incomplete command line.
    await root.Parse(["--help"]).InvokeAsync();
    return 2;
}
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine("error: " + EvalHarness.Cli.CliRunner.ParseErrorText(error.Message));
    return 2;
}
// Ctrl-C is handled by the run itself (stop sending, let in-flight requests finish, flush): not by the parser.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
