using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Models;
using EvalHarness.Core.Running;

namespace EvalHarness.Core.Tests.Running;

public sealed class ShardingTests
{
    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("3/4", 3, 4)]
    [InlineData("12/16", 12, 16)]
    public void AShardIsKOfN(string text, int k, int n) => Assert.Equal(new ShardSpec(k, n), ShardSpec.Parse(text));

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("1/0")]
    [InlineData("-1/4")]
    [InlineData("1/-4")]
    [InlineData("x/4")]
    [InlineData("1")]
    [InlineData("1/4/2")]
    [InlineData(" 1/4")]
    [InlineData("")]
    public void AnythingElseIsOneLineOfBadInput(string text)
    {
        var error = Assert.Throws<EvalInputException>(() => ShardSpec.Parse(text));
        Assert.StartsWith($"--shard '{text}': ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>Expected values computed outside .NET (Python's hashlib): SHA-256 of "eval\0id", first 8 bytes big-endian, mod N.</summary>
    [Theory]
    [InlineData("niah", "ctx=1000;depth=0;i=0", new[] { 1, 3, 1, 2 })]
    [InlineData("ifeval", "1000", new[] { 1, 3, 3, 6 })]
    [InlineData("mrcr", "bin=4096-8192;i=0", new[] { 2, 1, 2, 2 })]
    public void TheShardIsTheSameOnEveryMachine(string eval, string id, int[] expected) =>
        Assert.Equal(expected, new[] { 2, 3, 4, 7 }.Select(n => Sharding.ShardOf(eval, id, n)));

    private static (NiahEvaluator, EvalRequest) Niah(int seed = 7, string depths = "0,25,50,75,100") => (new NiahEvaluator(), new EvalRequest
    {
        Seed = seed,
        Options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["context_lengths"] = "1000,2000,4000", ["depths"] = depths, ["samples_per_cell"] = "3" },
    });

    [Fact]
    public async Task TheShardsPartitionThePlanInPlanOrder()
    {
        var plans = await RunCoordinator.LoadSamplesAsync([Niah()], TestContext.Current.CancellationToken);
        var all = plans[0].Samples.Select(s => s.Id).ToList();
        Assert.Equal(45, all.Count);
        var shards = Enumerable.Range(1, 4).Select(k => Sharding.Select(plans, new ShardSpec(k, 4))[0].Samples.Select(s => s.Id).ToList()).ToList();
        Assert.Equal(all.Count, shards.Sum(s => s.Count));
        Assert.Equal(all.Order(StringComparer.Ordinal), shards.SelectMany(s => s).Order(StringComparer.Ordinal));
        Assert.All(shards, s => Assert.Equal(all.Where(s.Contains), s)); // each shard keeps the plan's order
        Assert.All(shards, s => Assert.InRange(s.Count, 5, 20));
        Assert.Equal(all, Sharding.Select(plans, new ShardSpec(1, 1))[0].Samples.Select(s => s.Id));
    }

    [Fact]
    public async Task ThePlanHashCoversSeedOptionsModelsAndSamplesButNotTheMachine()
    {
        var ct = TestContext.Current.CancellationToken;
        async Task<string> Hash(int seed, string depths, params ModelSettings[] models)
        {
            var evals = new List<(IEvaluator, EvalRequest)> { Niah(seed, depths) };
            var plans = await RunCoordinator.LoadSamplesAsync(evals, ct);
            return Sharding.PlanHash("default", seed, models, evals, plans);
        }
        var oracle = new ModelSettings { Name = "sim-oracle", BaseUrl = "simulator" };
        var reference = await Hash(7, "0,50,100", oracle);
        Assert.Matches("^[0-9a-f]{64}$", reference);
        Assert.Equal(reference, await Hash(7, "0,50,100", oracle));
        Assert.Equal(reference, await Hash(7, "0,50,100", new ModelSettings { Name = "sim-oracle", BaseUrl = "http://10.0.0.9:8080/v1", Concurrency = 2 }));
        Assert.NotEqual(reference, await Hash(8, "0,50,100", oracle));
        Assert.NotEqual(reference, await Hash(7, "0,100", oracle));
        Assert.NotEqual(reference, await Hash(7, "0,50,100", oracle, new ModelSettings { Name = "sim-noisy", BaseUrl = "simulator" }));
    }
}
