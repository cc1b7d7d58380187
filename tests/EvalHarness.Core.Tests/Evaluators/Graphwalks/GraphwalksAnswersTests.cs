using EvalHarness.Core.Evaluators.Graphwalks;

namespace EvalHarness.Core.Tests.Evaluators.Graphwalks;

public sealed class GraphwalksAnswersTests
{
    [Fact]
    public void RealRowsGoldEqualsComputedAnswer()
    {
        foreach (var row in RealRow.Load())
        {
            var op = GraphwalksPromptParser.ParseOperation(row.OperationLine(false))!;
            Assert.Equal(row.AnswerNodes.Order(StringComparer.Ordinal), GraphwalksAnswers.Compute(row.Edges(false), op));
        }
    }

    [Fact]
    public void BfsReturnsOnlyNodesFirstReachedAtExactlyThatDepth()
    {
        // a -> b, a -> c, b -> c, c -> d, d -> a, b -> e: depth 1 {b, c}; depth 2 {d, e} (c was reached at 1);
        // depth 3 {} (a is the start, never returned).
        (string, string)[] edges = [("a", "b"), ("a", "c"), ("b", "c"), ("c", "d"), ("d", "a"), ("b", "e")];
        Assert.Equal(["b", "c"], GraphwalksAnswers.BfsAtExactDepth(edges, "a", 1));
        Assert.Equal(["d", "e"], GraphwalksAnswers.BfsAtExactDepth(edges, "a", 2));
        Assert.Empty(GraphwalksAnswers.BfsAtExactDepth(edges, "a", 3));
        Assert.Empty(GraphwalksAnswers.BfsAtExactDepth(edges, "zz", 1));
    }

    [Fact]
    public void ParentsExcludeTheNodeItselfAndCountDuplicatesOnce()
    {
        (string, string)[] edges = [("a", "q"), ("a", "q"), ("q", "q"), ("b", "q"), ("q", "c")];
        Assert.Equal(["a", "b"], GraphwalksAnswers.Parents(edges, "q"));
        Assert.Empty(GraphwalksAnswers.Parents(edges, "a"));
    }
}
