using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Tests.Reporting.Pricing;

public sealed class CostEstimateTests
{
    private static EvalSample Sample(string id, int? maxOutput, params ChatMessage[] messages) =>
        new() { Id = id, Eval = "niah", Group = "g", Messages = messages, MaxOutputTokens = maxOutput };

    [Fact]
    public void UpperBoundUsesExactPromptTokensAndTheFullOutputBudget()
    {
        // A counter of one token per character keeps the arithmetic checkable by hand.
        static int Chars(string s) => s.Length;
        var first = Sample("a", 100, new ChatMessage("system", "abcd"), new ChatMessage("user", "hello world"));
        var second = Sample("b", null, new ChatMessage("user", "x"));
        // first: (4 + 4) + (11 + 4) + 3 = 26 prompt tokens; second: (1 + 4) + 3 = 8.
        Assert.Equal(26, CostEstimate.PromptTokens(first, Chars));
        Assert.Equal(8, CostEstimate.PromptTokens(second, Chars));
        // gpt-4.1 ($2 in, $8 out): (26 × 2 + 100 × 8) + (8 × 2 + 256 × 8) = 852 + 2,064 = 2,916 → $0.002916
        var price = PriceTable.Defaults.Find("gpt-4.1")!;
        Assert.Equal(0.002916, CostEstimate.UpperBound(price, [first, second], defaultMaxOutputTokens: 256, Chars), 12);
        Assert.Equal(0.001458, CostEstimate.UpperBound(price, [first, second], 256, Chars, batch: true), 12);
    }
}
