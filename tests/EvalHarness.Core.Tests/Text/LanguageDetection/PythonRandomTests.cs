using EvalHarness.Core.Text.LanguageDetection;

namespace EvalHarness.Core.Tests.Text.LanguageDetection;

// Expected values: CPython 3.11 `random.Random(0)` (the generator langdetect seeds with DetectorFactory.seed = 0).
public sealed class PythonRandomTests
{
    [Fact]
    public void RandomAndGetrandbitsMatchCPython()
    {
        var r = new PythonRandom(0);
        Assert.Equal(0.8444218515250481, r.NextDouble());
        Assert.Equal(3255389356u, r.GetRandBits(32));
    }

    [Fact]
    public void GaussAndChoiceMatchCPython()
    {
        var r = new PythonRandom(0);
        Assert.Equal(0.9417154046806644, r.Gauss(0, 1));
        Assert.Equal(-1.3965781047011498, r.Gauss(0, 1)); // the cached second value of the pair
        Assert.Equal(-0.6797144480784211, r.Gauss(0, 1));
        var items = Enumerable.Range(0, 37).ToArray();
        Assert.Equal([32, 31, 25, 19, 30, 22, 13, 32], Enumerable.Range(0, 8).Select(_ => r.Choice(items)));
        Assert.Equal(146039, r.RandBelow(1000000));
    }

    [Fact]
    public void ReseedingClearsTheCachedGauss()
    {
        var r = new PythonRandom(0);
        r.Gauss(0, 1);
        r.Seed(0);
        Assert.Equal(0.9417154046806644, r.Gauss(0, 1));
    }
}
