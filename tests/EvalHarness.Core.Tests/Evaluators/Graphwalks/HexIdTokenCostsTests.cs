using EvalHarness.Core.Evaluators.Graphwalks;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Tests.Evaluators.Graphwalks;

public sealed class HexIdTokenCostsTests
{
    [Fact]
    public void PieceSumsEqualWholeCountsForMd5Ids()
    {
        var tokenizer = O200kTokenizer.Shared;
        var costs = new HexIdTokenCosts(tokenizer);
        for (var i = 0; i < 3000; i++)
        {
            var id = GraphwalksNodeIds.Of(i * 7);
            Assert.Equal(tokenizer.CountTokens(id), costs.Source(id));
            Assert.Equal(tokenizer.CountTokens(" " + id), costs.Target(id));
        }
    }

    [Theory]
    [InlineData("bfs", 1, GraphwalksPromptVersion.Fixed)]
    [InlineData("parents", 3, GraphwalksPromptVersion.Original)]
    [InlineData("bfs", 5, GraphwalksPromptVersion.Original)]
    public void EstimatedPromptCountEqualsTheFullCount(string type, int k, GraphwalksPromptVersion version)
    {
        // Without the final check the generator reports its estimate; it must be the exact o200k count.
        var generator = new GraphwalksGenerator(O200kTokenizer.Shared) { VerifyWithFullCount = false };
        for (ulong seed = 0; seed < 6; seed++)
        {
            var g = generator.Generate(new GraphwalksGraphSpec(type, 2700, 3000 + (int)seed * 1500, k, 2, version, seed));
            Assert.Equal(0, g.FullCountPasses);
            Assert.Equal(O200kTokenizer.Shared.CountTokens(g.Prompt), g.PromptTokens);
        }
    }
}
