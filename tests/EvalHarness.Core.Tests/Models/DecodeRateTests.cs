using EvalHarness.Core.Models;

namespace EvalHarness.Core.Tests.Models;

/// <summary>The decode rate rule: timed from the first token of any kind, empty rather than wrong.</summary>
public sealed class DecodeRateTests
{
    [Fact]
    public void Decode_rate_is_empty_when_it_cannot_be_known()
    {
        // No usage: unknown, not a guess.
        Assert.Null(OpenAIChatModelClient.DecodeRate(null, 10, 20, 1000));
        // Hidden reasoning (counted, not streamed) happened before the first content token: left out.
        var hidden = OpenAIChatModelClient.DecodeRate(new TokenUsage(10, 0, 1001, 500), null, 0, 1000);
        Assert.Equal(500, hidden!.Value, 6);
        // Streamed reasoning: every completion token is timed from the first reasoning token.
        var streamed = OpenAIChatModelClient.DecodeRate(new TokenUsage(10, 0, 1001, null), 0, 600, 1000);
        Assert.Equal(1000, streamed!.Value, 6);
        // A single token has no rate.
        Assert.Null(OpenAIChatModelClient.DecodeRate(new TokenUsage(10, 0, 1, null), null, 5, 5));
    }
}
