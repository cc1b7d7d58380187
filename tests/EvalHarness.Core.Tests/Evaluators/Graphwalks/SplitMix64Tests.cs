using EvalHarness.Core.Evaluators.Graphwalks;

namespace EvalHarness.Core.Tests.Evaluators.Graphwalks;

public sealed class SplitMix64Tests
{
    [Fact]
    public void MatchesTheReferenceSequenceForSeedZero()
    {
        // Reference outputs of Vigna's splitmix64.c seeded with 0.
        var rng = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, rng.NextUInt64());
    }

    [Fact]
    public void NextIntStaysInRangeAndCoversIt()
    {
        var rng = new SplitMix64(99);
        var seen = new int[7];
        for (var i = 0; i < 7000; i++) seen[rng.NextInt(7)]++;
        Assert.All(seen, c => Assert.InRange(c, 850, 1150));
    }
}
