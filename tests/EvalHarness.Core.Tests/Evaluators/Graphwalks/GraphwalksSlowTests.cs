using System.Diagnostics;
using System.Globalization;
using EvalHarness.Core.Evaluators.Graphwalks;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Tests.Evaluators.Graphwalks;

/// <summary>Opt-in (EVALHARNESS_SLOW=1): a 1M-token prompt, timed against one o200k counting pass.</summary>
public sealed class GraphwalksSlowTests
{
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("parents", 1)]
    [InlineData("bfs", 4)]
    public void BuildsAOneMillionTokenPromptInItsBin(string type, int outDegree)
    {
        if (Environment.GetEnvironmentVariable("EVALHARNESS_SLOW") != "1") Assert.Skip("set EVALHARNESS_SLOW=1 to run slow tests");
        var tokenizer = O200kTokenizer.Shared;
        tokenizer.CountTokens("warm up");
        var generator = new GraphwalksGenerator(tokenizer);
        var spec = new GraphwalksGraphSpec(type, 900_000, 1_000_000, outDegree, 2, GraphwalksPromptVersion.Fixed, 12345);

        var build = Stopwatch.StartNew();
        var g = generator.Generate(spec);
        build.Stop();
        var count = Stopwatch.StartNew();
        var tokens = tokenizer.CountTokens(g.Prompt);
        count.Stop();

        Assert.InRange(tokens, 900_000, 1_000_000);
        Assert.Equal(tokens, g.PromptTokens);
        Assert.Equal(g.NodeCount * outDegree, g.EdgeCount);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{type} k={outDegree}: {tokens} tokens, {g.Prompt.Length} chars, N={g.NodeCount}, build {build.ElapsedMilliseconds} ms ({g.FullCountPasses} full counts), one count pass {count.ElapsedMilliseconds} ms"));
    }
}
