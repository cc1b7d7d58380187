using System.Globalization;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
// Secrets are masked by value in everything printed (the redactor gets the keys once the settings are loaded).
Console.SetOut(new EvalHarness.Cli.Console.RedactingTextWriter(Console.Out));
Console.SetError(new EvalHarness.Cli.Console.RedactingTextWriter(Console.Error));
// Tables as wide as COLUMNS, or unwrapped when output is redirected (CI logs), never cut at 80 columns.
EvalHarness.Cli.Console.ConsoleWidth.Apply(Spectre.Console.AnsiConsole.Console);

return await EvalHarness.Cli.CliApp.RunAsync(args);
