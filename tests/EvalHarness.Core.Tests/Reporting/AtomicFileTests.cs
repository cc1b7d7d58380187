using EvalHarness.Core.Reporting;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.Tests.Reporting;

public sealed class AtomicFileTests
{
    [Fact]
    public void AFailedWriteLeavesNoTempFileKeepsTheOldFileAndNamesThePath()
    {
        var dir = Path.Combine(Path.GetTempPath(), "atomic-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "samples.csv");
        File.WriteAllText(path, "old");
        var error = Assert.ThrowsAny<IOException>(() => AtomicFile.Write(path, w =>
        {
            w.Write("half");
            throw new IOException("No space left on device");
        }));
        Assert.Contains(path, error.Message);
        Assert.Contains("No space left on device", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir));
        Directory.Delete(dir, recursive: true);
    }
}
