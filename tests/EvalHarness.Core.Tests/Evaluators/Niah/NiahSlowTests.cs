using System.Diagnostics;
using System.Globalization;
using EvalHarness.Core.Text;
using static EvalHarness.Core.Tests.Evaluators.Niah.NiahTestData;

namespace EvalHarness.Core.Tests.Evaluators.Niah;

/// <summary>Long prompts; opt-in with EVALHARNESS_SLOW=1 (and filter on Category=Slow).</summary>
public sealed class NiahSlowTests
{
    private static void RequireSlow()
    {
        if (Environment.GetEnvironmentVariable("EVALHARNESS_SLOW") != "1") Assert.Skip("slow test: set EVALHARNESS_SLOW=1");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Gpt41GridUpTo128kFitsEveryLengthExactly()
    {
        RequireSlow();
        var watch = Stopwatch.StartNew();
        var samples = await Samples(Request(42, ("preset", "gpt41-128k")));
        var elapsed = watch.Elapsed;
        Assert.Equal(88, samples.Count);
        var worst = 0;
        foreach (var s in samples)
        {
            var target = Int(s, "context_tokens_target");
            var actual = Int(s, "context_tokens");
            Assert.InRange(actual, target - NiahToleranceOf(target), target);
            Assert.True(Double(s, "depth_percent") <= Double(s, "depth_percent_target"));
            worst = Math.Max(worst, target - actual);
        }
        // Spot-check the recorded counts against an independent recount of the longest prompts.
        foreach (var s in samples.Where(s => Int(s, "context_tokens_target") == 128000).Take(2))
            Assert.Equal(O200kTokenizer.Shared.CountTokens(s.Messages[0].Content), Int(s, "context_tokens"));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gpt41-128k: {samples.Count} samples in {elapsed.TotalSeconds:0.0} s, worst shortfall {worst} tokens"));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task OneMillionTokenPromptIsExact()
    {
        RequireSlow();
        var watch = Stopwatch.StartNew();
        var samples = await Samples(Request(42, ("context_lengths", "1000000"), ("depths", "50")));
        var generated = watch.Elapsed;
        var s = Assert.Single(samples);
        watch.Restart();
        var recount = O200kTokenizer.Shared.CountTokens(s.Messages[0].Content);
        var counted = watch.Elapsed;
        Assert.Equal(recount, Int(s, "context_tokens"));
        Assert.InRange(recount, 1000000 - 256, 1000000);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"1M prompt: generated in {generated.TotalSeconds:0.0} s, {s.Messages[0].Content.Length} chars, {recount} tokens, recount {counted.TotalSeconds:0.0} s"));
    }

    private static int NiahToleranceOf(int target) => Math.Min(256, target / 200);
}
