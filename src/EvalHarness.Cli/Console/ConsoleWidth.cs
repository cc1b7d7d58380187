using System.Globalization;
using Spectre.Console;

namespace EvalHarness.Cli.Console;

/// <summary>
/// The width tables and help are laid out for: <c>COLUMNS</c> when set to a positive number; else, when output is
/// redirected (CI logs, files), wide enough that no table row wraps (a table is only as wide as its content); else the
/// terminal's own width.
/// </summary>
internal static class ConsoleWidth
{
    /// <summary>Redirected output without <c>COLUMNS</c>: rows stay on one line, whatever the table.</summary>
    public const int Redirected = 1000;

    public static int? FromEnvironment(string? columns, bool redirected) =>
        int.TryParse(columns, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : redirected ? Redirected
        : null;

    /// <summary>Applies the rule to the shared Spectre console; returns the width chosen (null: the terminal's).</summary>
    public static int? Apply(IAnsiConsole console)
    {
        var width = FromEnvironment(Environment.GetEnvironmentVariable("COLUMNS"), System.Console.IsOutputRedirected);
        if (width is { } w) console.Profile.Width = w;
        return width;
    }
}
