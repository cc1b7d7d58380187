using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Text.Haystack;
using static EvalHarness.Core.Tests.Evaluators.Niah.NiahTestData;

namespace EvalHarness.Core.Tests.Evaluators.Niah;

public sealed class NiahOptionsTests
{
    [Fact]
    public void PresetsMatchTheSpecGrids()
    {
        var gpt41 = NiahOptions.Parse(Request(options: ("preset", "gpt41")));
        Assert.Equal([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 512000, 1000000], gpt41.ContextLengths);
        Assert.Equal(121, gpt41.ContextLengths.Count * gpt41.Depths.Count);
        Assert.Equal(128000, NiahOptions.Parse(Request(options: ("preset", "GPT41-128K"))).ContextLengths.Max());

        // gkamradt: np.round(np.linspace(1000, 128000, 15)) and np.round(np.linspace(0, 100, 15)), computed by hand.
        var classic = NiahOptions.Parse(Request(options: ("preset", "classic")));
        Assert.Equal([1000, 10071, 19143, 28214, 37286, 46357, 55429, 64500, 73571, 82643, 91714, 100786, 109857, 118929, 128000], classic.ContextLengths);
        Assert.Equal([0.0, 7, 14, 21, 29, 36, 43, 50, 57, 64, 71, 79, 86, 93, 100], classic.Depths);

        var ruler = NiahOptions.Parse(Request(options: ("preset", "ruler")));
        Assert.Empty(ruler.Depths);
        Assert.Equal(131072, ruler.ContextLengths.Max());
    }

    [Fact]
    public void TaskDefaultsAndOverrides()
    {
        var mk = NiahOptions.Parse(Request(options: ("task", "multikey")));
        Assert.Equal((4, 1, 1), (mk.Keys, mk.ValuesPerKey, mk.Queries));
        var mq = NiahOptions.Parse(Request(options: [("task", "multiquery"), ("n_keys", "3")]));
        Assert.Equal((3, 1, 3), (mq.Keys, mq.ValuesPerKey, mq.Queries));
        var files = NiahOptions.Parse(Request(options: ("haystack", "files:/tmp/x")));
        Assert.Equal("/tmp/x", files.HaystackDir);
        Assert.Null(files.HaystackKind);
        Assert.Null(NiahOptions.Parse(Request(options: ("temperature", "model"))).Temperature);
        Assert.Equal(0.7, NiahOptions.Parse(Request(options: ("temperature", "0.7"))).Temperature);
        Assert.Equal(HaystackKind.Noise, NiahOptions.Parse(Request(options: ("haystack", "Noise"))).HaystackKind);
    }

    [Theory]
    [InlineData("preset", "huge")]
    [InlineData("task", "multi")]
    [InlineData("value_type", "letters")]
    [InlineData("depths", "101")]
    [InlineData("haystack", "poems")]
    [InlineData("multi_needle_spread", "left")]
    [InlineData("n_queries", "2")]
    [InlineData("temperature", "hot")]
    public void BadOptionsAreInputErrors(string name, string value)
    {
        Assert.Throws<EvalInputException>(() => NiahOptions.Parse(Request(options: (name, value))));
    }

    [Fact]
    public void ToleranceIsHalfAPercentCappedAt256()
    {
        Assert.Equal(5, NiahOptions.Tolerance(1000));
        Assert.Equal(80, NiahOptions.Tolerance(16000));
        Assert.Equal(256, NiahOptions.Tolerance(1000000));
    }
}
