using EvalHarness.Core.Reporting.Comparison;
using static EvalHarness.Core.Tests.Reporting.Comparison.ReferenceData;

namespace EvalHarness.Core.Tests.Reporting.Comparison;

public sealed class PairedBootstrapTests
{
    [Fact]
    public void SplitMix64MatchesVignasReferenceOutputs()
    {
        // First outputs of splitmix64.c for seed 1234567 (also the rand_xoshiro crate's test vector).
        var rng = new SplitMix64(1234567);
        ulong[] expected = [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821];
        Assert.Equal(expected, Enumerable.Range(0, 5).Select(_ => rng.Next()).ToArray());
    }

    [Theory]
    [InlineData("continuous", "continuous")]
    [InlineData("clustered", "clustered")]
    [InlineData("pass_fail_small", "pass_fail_small")]
    [InlineData("clustered_as_iid", "clustered")]
    public void PercentileIntervalMatchesReference(string reference, string dataset)
    {
        var expected = Json["bootstrap"]![reference]!;
        var ds = Json["datasets"]![dataset]!;
        var d = Doubles(ds["a"]).Zip(Doubles(ds["b"]), (a, b) => b - a).ToArray();
        var clustered = expected["clustered"]!.GetValue<bool>();
        var result = PairedBootstrap.Run(d, clustered ? Strings(ds["clusters"]) : null, expected["b"]!.GetValue<int>(), expected["seed"]!.GetValue<ulong>());
        Assert.Equal(D(expected, "ci_low"), result.Low, 1e-9);
        Assert.Equal(D(expected, "ci_high"), result.High, 1e-9);
        Assert.Equal(expected["b"]!.GetValue<int>(), result.Replicates);
        Assert.Equal(clustered, result.Clustered);
    }

    [Fact]
    public void SameSeedSameInterval()
    {
        double[] d = [0.1, -0.2, 0.3, 0.05, 0.0, 0.4];
        Assert.Equal(PairedBootstrap.Run(d, seed: 7), PairedBootstrap.Run(d, seed: 7));
    }
}
