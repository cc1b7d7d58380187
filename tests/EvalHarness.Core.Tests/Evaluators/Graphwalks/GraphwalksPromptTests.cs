using EvalHarness.Core.Evaluators.Graphwalks;

namespace EvalHarness.Core.Tests.Evaluators.Graphwalks;

public sealed class GraphwalksPromptTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RealRowsAreRebuiltByteForByteFromTheirEdges(bool fixedVersion)
    {
        foreach (var row in RealRow.Load())
        {
            var expected = fixedVersion ? row.PromptFixed : row.PromptOriginal;
            var op = GraphwalksPromptParser.ParseOperation(row.OperationLine(fixedVersion));
            Assert.NotNull(op);
            Assert.Equal(row.ProblemType, op.ProblemType);
            var version = fixedVersion ? GraphwalksPromptVersion.Fixed : GraphwalksPromptVersion.Original;
            var rebuilt = GraphwalksPrompt.Build(row.Edges(fixedVersion), op, version);
            Assert.Equal(expected, rebuilt);
        }
    }

    [Fact]
    public void LengthRuleHoldsOnRealRows()
    {
        foreach (var row in RealRow.Load())
        {
            var delta = row.ProblemType == "bfs" ? 272 : 205;
            Assert.Equal(row.PromptChars, row.PromptOriginal.Length);
            Assert.Equal(row.PromptChars + delta, row.PromptFixed.Length);
        }
        Assert.Equal(205, GraphwalksPrompt.FixedMinusOriginalLength("parents"));
        Assert.Equal(272, GraphwalksPrompt.FixedMinusOriginalLength("bfs"));
    }

    [Fact]
    public void DetectsAndConvertsVersionsOnRealRows()
    {
        foreach (var row in RealRow.Load())
        {
            Assert.Equal(GraphwalksPromptVersion.Fixed, GraphwalksPrompt.DetectVersion(row.PromptFixed));
            Assert.Equal(GraphwalksPromptVersion.Original, GraphwalksPrompt.DetectVersion(row.PromptOriginal));
            Assert.Equal(row.PromptOriginal, GraphwalksPrompt.Convert(row.PromptFixed, GraphwalksPromptVersion.Original));
            Assert.Equal(row.PromptFixed, GraphwalksPrompt.Convert(row.PromptOriginal, GraphwalksPromptVersion.Fixed));
            Assert.Equal(row.PromptFixed, GraphwalksPrompt.Convert(row.PromptFixed, GraphwalksPromptVersion.Fixed));
        }
    }

    [Fact]
    public void ParserReadsEdgesAndOperationOfRealRows()
    {
        foreach (var row in RealRow.Load())
        {
            var parsed = GraphwalksPromptParser.Parse(row.PromptOriginal);
            Assert.Equal(row.Edges(false), parsed.Edges);
            Assert.Equal(row.ProblemType, parsed.Operation?.ProblemType);
            Assert.Equal(GraphwalksPromptVersion.Original, parsed.Version);
            Assert.False(parsed.StartsMidList);
        }
    }

    [Fact]
    public void OperationLinesFollowTheSpecWording()
    {
        Assert.Equal("Perform a BFS from node abc with depth 12.",
            GraphwalksPrompt.FormatOperation(new GraphwalksBfs("abc", 12), GraphwalksPromptVersion.Original));
        Assert.Equal("Perform a BFS from node abc and return only the nodes at exactly depth 2 (not nodes at intermediate depths).",
            GraphwalksPrompt.FormatOperation(new GraphwalksBfs("abc", 2), GraphwalksPromptVersion.Fixed));
        Assert.Equal("Find the parents of node abc.", GraphwalksPrompt.FormatOperation(new GraphwalksParents("abc"), GraphwalksPromptVersion.Fixed));
        Assert.Equal(new GraphwalksBfs("abc", 12), GraphwalksPromptParser.ParseOperation("Perform a BFS from node abc with depth 12."));
        Assert.Null(GraphwalksPromptParser.ParseOperation("Perform a DFS from node abc with depth 1."));
    }

    [Fact]
    public void CutPromptDropsThePartialFirstLine()
    {
        var edges = new[] { ("cfcd208495", "c4ca4238a0"), ("c4ca4238a0", "cfcd208495") };
        var prompt = GraphwalksPrompt.Build(edges, new GraphwalksParents("cfcd208495"), GraphwalksPromptVersion.Fixed);
        var cut = prompt[(prompt.IndexOf("cfcd208495 -> ", StringComparison.Ordinal) + 3)..];
        var parsed = GraphwalksPromptParser.Parse(cut);
        Assert.True(parsed.StartsMidList);
        Assert.Equal([("c4ca4238a0", "cfcd208495")], parsed.Edges);
        Assert.Equal(new GraphwalksParents("cfcd208495"), parsed.Operation);
    }
}
