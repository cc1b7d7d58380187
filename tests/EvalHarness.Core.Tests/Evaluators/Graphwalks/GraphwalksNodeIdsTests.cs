using EvalHarness.Core.Evaluators.Graphwalks;

namespace EvalHarness.Core.Tests.Evaluators.Graphwalks;

public sealed class GraphwalksNodeIdsTests
{
    [Theory]
    // md5("0") = cfcd208495d565ef66e7dff9f98764da, md5("1") = c4ca4238a0b923820dcc509a6f75849b,
    // md5("2") = c81e728d9d4c2f636f067f89cc14862c, md5("10") = d3d9446802a44259755d38e6d163e820.
    [InlineData(0, "cfcd208495")]
    [InlineData(1, "c4ca4238a0")]
    [InlineData(2, "c81e728d9d")]
    [InlineData(10, "d3d9446802")]
    public void IdIsTheFirstTenHexCharsOfMd5OfTheDecimalIndex(int index, string expected) =>
        Assert.Equal(expected, GraphwalksNodeIds.Of(index));

    [Fact]
    public void RealRowsUseMd5IdsInSourceIndexOrder()
    {
        // Row 11 (parents, k = 4): node i's four edges come as lines 4i..4i+3.
        var row = RealRow.Load().Single(r => r.RowIndex == 11);
        var edges = row.Edges(true);
        var ids = GraphwalksNodeIds.Range(edges.Length / 4);
        for (var i = 0; i < edges.Length; i++) Assert.Equal(ids[i / 4], edges[i].Source);
    }
}
