using System.Diagnostics;

namespace EvalHarness.Interop.Tests;

/// <summary>Runs the built <c>evalharness</c> CLI as a child process, in a working folder with its own settings.</summary>
internal static class Cli
{
    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "evalharness.dll");

    public static async Task<CliResult> RunAsync(string workingDirectory, CancellationToken ct, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(CliDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("OPENAI_API_KEY");
        info.Environment.Remove("OPENAI_BASE_URL");
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("EVALHARNESS__", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        using var process = Process.Start(info)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return new CliResult(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    public static string NewWorkDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "evalharness-interop", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
