using System.Diagnostics;
using EvalHarness.TestSupport;

namespace EvalHarness.Core.Tests.Reporting.Comparison;

public sealed class ReferenceTableTests
{
    /// <summary>The committed table is exactly what make_reference.py prints (skipped where python3 is absent).</summary>
    [Fact]
    public async Task CommittedTableIsTheScriptsOutput()
    {
        var folder = Path.Combine(SharedData.RepoRoot, "tests", "EvalHarness.Core.Tests", "Reporting", "Comparison");
        var start = new ProcessStartInfo("python3", "make_reference.py")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            process = null;
        }
        if (process is null) Assert.Skip("python3 is not available");
        using (process)
        {
            var ct = TestContext.Current.CancellationToken;
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var errors = process.StandardError.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, await errors);
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(folder, "reference_stats.json"), ct), await output);
        }
    }
}
