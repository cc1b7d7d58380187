using EvalHarness.Core.Configuration;
using EvalHarness.Core.Evaluators;

namespace EvalHarness.Cli;

/// <summary>Turns exceptions into the exit-code contract: bad input is one line on stderr and exit code 2.</summary>
internal static class CliRunner
{
    public const int InternalError = 70;

    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (EvalInputException ex)
        {
            System.Console.Error.WriteLine("error: " + OneLine(ex.Message));
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            System.Console.Error.WriteLine("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            System.Console.Error.WriteLine($"internal error: {ex.GetType().Name}: {OneLine(ex.Message)}");
            if (Environment.GetEnvironmentVariable("EVALHARNESS_DEBUG") == "1") System.Console.Error.WriteLine(ex);
            return InternalError;
        }
    }

    public static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>
    /// The command line for the manifest: configured secrets masked by value (whatever the variable is called), and
    /// the value of any secret-looking <c>K=V</c>, <c>--set K=V</c> or <c>--set=K=V</c> masked too.
    /// </summary>
    public static string RedactedCommandLine(SecretRedactor redactor) => RedactCommandLine(Environment.GetCommandLineArgs().Skip(1), redactor);

    public static string RedactCommandLine(IEnumerable<string> arguments, SecretRedactor redactor)
    {
        var args = arguments.ToArray();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            var prefix = a.StartsWith("--", StringComparison.Ordinal) && a.IndexOf('=', StringComparison.Ordinal) is var flagEq and > 0 ? flagEq + 1 : 0;
            var eq = a.IndexOf('=', prefix);
            if (eq > prefix && SecretRedactor.LooksSecret(a[prefix..eq].Trim())) a = a[..(eq + 1)] + SecretRedactor.Mask;
            args[i] = redactor.Redact(a);
        }
        return "evalharness " + string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? "\"" + a + "\"" : a));
    }
}
