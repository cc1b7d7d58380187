using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;

namespace EvalHarness.Simulator.Tests;

/// <summary>
/// The harness's model client reading streams shaped like other OpenAI-compatible servers': reasoning deltas, Azure's
/// empty chunks, unknown events, clean early ends. The simulator is the real HTTP server on the other side.
/// </summary>
public sealed class StreamQuirkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const double DecodeRate = 500;

    private static readonly string Text = string.Join(' ', Enumerable.Repeat("alpha beta gamma delta", 30));

    private static SimulatorOptions Reasoning(string field, bool report, int tokens = 300) => new()
    {
        Latency = new LatencyProfile { BaseTtftMs = 30, PerPromptTokenMicroseconds = 0, TokensPerSecond = DecodeRate },
        Stream = new StreamQuirkOptions { ReasoningTokens = tokens, ReasoningField = field, ReportReasoningTokens = report },
    };

    private static async Task<ModelResponse> CallAsync(SimulatorServer server, int maxOutputTokens = 4000, string model = "sim-echo")
    {
        var settings = new ModelSettings { Name = model, BaseUrl = "simulator", TimeoutSeconds = 30 };
        var client = new OpenAIChatModelClient(settings, server.BaseUrl, "test");
        return await client.CompleteAsync(new ModelRequest([new ChatMessage("user", Text)], maxOutputTokens, 0), Ct);
    }

    [Theory]
    [InlineData("reasoning_content", false)]
    [InlineData("reasoning", false)]
    [InlineData("reasoning_content", true)]
    public async Task Decode_rate_counts_from_the_first_token_of_any_kind(string field, bool report)
    {
        await using var server = await SimulatorServer.StartAsync(Reasoning(field, report), ct: Ct);

        // The simulator paces from the request's arrival: a cold first request (JIT) would send a burst to catch up.
        await CallAsync(server, maxOutputTokens: 5);
        var response = await CallAsync(server);

        Assert.Equal(Text, response.Text);
        Assert.NotNull(response.OutputTokensPerSecond);
        // Today's main measured 4-60x this when reasoning was streamed but not counted as reasoning_tokens.
        Assert.True(response.OutputTokensPerSecond!.Value is > DecodeRate * 0.95 and < DecodeRate * 1.05,
            $"rate {response.OutputTokensPerSecond} ttfb {response.TtfbMs} reasoning {response.FirstReasoningMs} ttft {response.TtftMs} latency {response.LatencyMs} tokens {response.Usage?.CompletionTokens}");
    }
}
