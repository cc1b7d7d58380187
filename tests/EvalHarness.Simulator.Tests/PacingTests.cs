using System.Diagnostics;
using System.Globalization;

namespace EvalHarness.Simulator.Tests;

public sealed class PacingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Role_chunk_arrives_before_the_ttft_and_content_not_before_it()
    {
        // A long TTFT keeps "role first, content at TTFT" observable even when a loaded machine delays the request.
        var options = new SimulatorOptions { Latency = new LatencyProfile { BaseTtftMs = 3000, PerPromptTokenMicroseconds = 0 } };
        await using var server = await SimulatorServer.StartAsync(options, ct: Ct);
        using var client = SimHttp.CreateClient(server);

        var start = Stopwatch.GetTimestamp();
        using var response = await SimHttp.PostChatAsync(client, SimHttp.ChatBody("sim-echo", "patience", stream: true), Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        var roleLine = await reader.ReadLineAsync(Ct);
        var roleMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        await reader.ReadLineAsync(Ct); // blank separator
        var contentLine = await reader.ReadLineAsync(Ct);
        var contentMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        Assert.Contains("\"role\":\"assistant\"", roleLine, StringComparison.Ordinal);
        Assert.Contains("\"content\":\"patience\"", contentLine, StringComparison.Ordinal);
        Assert.True(roleMs < 2500, $"role chunk took {roleMs:F1} ms: it must be flushed at once, not with the content");
        Assert.True(contentMs >= 3000, $"content after {contentMs:F1} ms, before the 3000 ms TTFT");
        Assert.Equal("3000", response.Headers.GetValues("x-sim-ttft-ms").Single());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Whole_response_takes_ttft_plus_completion_tokens_over_decode_rate(bool stream)
    {
        var options = new SimulatorOptions { Latency = new LatencyProfile { BaseTtftMs = 10, PerPromptTokenMicroseconds = 0, TokensPerSecond = 100 } };
        await using var server = await SimulatorServer.StartAsync(options, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        var text = string.Join(' ', Enumerable.Range(0, 30).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture)));
        using (var warmUp = await SimHttp.PostChatAsync(client, SimHttp.ChatBody("sim-echo", "warm up", stream), Ct))
        {
            await warmUp.Content.ReadAsStringAsync(Ct);
        }

        var start = Stopwatch.GetTimestamp();
        using var response = await SimHttp.PostChatAsync(client, SimHttp.ChatBody("sim-echo", text, stream, includeUsage: stream), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var elapsedMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        var completionTokens = EvalHarness.Core.Text.O200kTokenizer.Shared.CountTokens(text);
        var expectedMs = 10 + completionTokens * 10.0; // 100 tokens/s
        Assert.Contains($"\"completion_tokens\":{completionTokens}", body, StringComparison.Ordinal);
        Assert.True(elapsedMs >= expectedMs, $"{elapsedMs:F1} ms < expected {expectedMs} ms");
        // Only catches a pacing bug such as counting the decode delay twice (2x); scheduling noise on a loaded
        // 2-core machine can add hundreds of milliseconds, so this is not a timing measurement.
        Assert.True(elapsedMs < expectedMs * 1.8, $"{elapsedMs:F1} ms, far over the expected {expectedMs} ms");
    }
}
