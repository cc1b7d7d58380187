using EvalHarness.Core.Configuration;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core;
using EvalHarness.Core.Files;
using EvalHarness.Core.Models;

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
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Disk full, permissions: the message names the file (CannotWriteException, or the runtime's own text).
            System.Console.Error.WriteLine("error: " + OneLine(ex.Message));
            if (Environment.GetEnvironmentVariable("EVALHARNESS_DEBUG") == "1") System.Console.Error.WriteLine(ex);
            return ExitCodes.CannotWrite;
        }
        catch (Exception ex)
        {
            // No .NET type names for users; EVALHARNESS_DEBUG=1 prints the whole exception.
            System.Console.Error.WriteLine($"internal error: {OneLine(ex.Message)} (set EVALHARNESS_DEBUG=1 for details)");
            if (Environment.GetEnvironmentVariable("EVALHARNESS_DEBUG") == "1") System.Console.Error.WriteLine(ex);
            return InternalError;
        }
    }

    public static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>The parser's "as expected type 'System.Nullable`1[System.Int32]'" in words: no .NET type names for users.</summary>
    public static string ParseErrorText(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']*)' as expected type '(?<type>[^']*)'");
        if (!match.Success) return OneLine(message);
        var type = match.Groups["type"].Value;
        var expected = type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) ? "an integer"
            : type.Contains("Double", StringComparison.Ordinal) ? "a number"
            : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
            : "a valid value";
        return $"{match.Groups["option"].Value} '{match.Groups["value"].Value}': expected {expected}";
    }


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
