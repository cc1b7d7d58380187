using System.Diagnostics;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// A run on a full disk (a 12 KB tmpfs in a private mount namespace): one error line naming the file, exit code 74, no
/// temp files left. Skipped where unprivileged user namespaces are not allowed.
/// </summary>
public sealed class DiskFullProcessTests
{
    private static async Task<(int ExitCode, string Stdout, string Stderr)> ShAsync(string script, CancellationToken ct, params string[] args)
    {
        var info = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--map-root-user", "--mount", "sh", "-c", script, "sh" }.Concat(args)) info.ArgumentList.Add(a);
        info.Environment.Remove("OPENAI_API_KEY");
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("EVALHARNESS__", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return (process.ExitCode, await stdout, await stderr);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, "", "unshare not found");
        }
    }

    [Fact]
    public async Task AFullDiskIsOneLineNamingTheFileWithExitCode74AndNoTempFiles()
    {
        var ct = TestContext.Current.CancellationToken;
        var mount = CliProcess.NewTempDirectory();
        var probe = await ShAsync("mount -t tmpfs -o size=12k tmpfs \"$1\"", ct, mount);
        if (probe.ExitCode != 0) Assert.Skip("no private tmpfs here (unshare --map-root-user --mount): " + probe.Stderr.Trim());

        const string script = """
            mount -t tmpfs -o size=12k tmpfs "$1" || exit 99
            cd "$1"
            dotnet "$2" run --evals niah --out "$1/run" --plain
            rc=$?
            echo "--- files:"
            ls -A "$1/run"
            exit $rc
            """;
        var (exit, stdout, stderr) = await ShAsync(script, ct, mount, CliProcess.CliDll);
        Assert.True(exit == 74, $"exit {exit}\n{stdout}\n{stderr}");
        var error = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("error: " + mount + "/run/", error);
        Assert.Contains("cannot write", error);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        var files = stdout[(stdout.IndexOf("--- files:", StringComparison.Ordinal) + 10)..].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("responses.jsonl", files);
        Assert.DoesNotContain(files, f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }
}
