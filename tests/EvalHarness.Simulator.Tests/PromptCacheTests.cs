using System.Globalization;
using System.Text.Json.Nodes;
using EvalHarness.Core.Text;

namespace EvalHarness.Simulator.Tests;

public sealed class PromptCacheTests
{
    private static readonly string System = string.Join(' ', Enumerable.Range(0, 700).Select(i => "fact" + i.ToString(CultureInfo.InvariantCulture)));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Repeated_prefix_is_reported_as_cached_in_128_token_blocks_and_speeds_up_ttft()
    {
        var options = new SimulatorOptions { PromptCaching = true, Latency = new LatencyProfile { BaseTtftMs = 1, PerPromptTokenMicroseconds = 10 } };
        await using var server = await SimulatorServer.StartAsync(options, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        var systemTokens = O200kTokenizer.Shared.CountTokens(System);
        Assert.True(systemTokens > 1100);

        var first = await AskAsync(client, "sim-oracle", "Alpha: which fact comes first?");
        var second = await AskAsync(client, "sim-oracle", "Beta: which fact comes last?");
        var otherModel = await AskAsync(client, "sim-noisy", "Beta: which fact comes last?");

        Assert.Equal(0, first.Cached);
        // Shared prefix: 3 tokens before the system content, the content, 3 before the user content.
        Assert.Equal((systemTokens + 6) / 128 * 128, second.Cached);
        Assert.Equal(0, otherModel.Cached); // caches are per model
        Assert.True(second.TtftMs < first.TtftMs, $"cached TTFT {second.TtftMs} ms should be below {first.TtftMs} ms");
    }

    [Fact]
    public async Task Caching_is_off_by_default()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);
        using var client = SimHttp.CreateClient(server);

        await AskAsync(client, "sim-oracle", "one");
        var again = await AskAsync(client, "sim-oracle", "one");

        Assert.Equal(0, again.Cached);
    }

    private static async Task<(int Cached, double TtftMs)> AskAsync(HttpClient client, string model, string question)
    {
        var body = SimHttp.ChatBody(model, question);
        body["messages"]!.AsArray().Insert(0, new JsonObject { ["role"] = "system", ["content"] = System });
        using var response = await SimHttp.PostChatAsync(client, body, Ct);
        response.EnsureSuccessStatusCode();
        var json = await SimHttp.ReadJsonAsync(response, Ct);
        var cached = json.GetProperty("usage").GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32();
        return (cached, double.Parse(response.Headers.GetValues("x-sim-ttft-ms").Single(), CultureInfo.InvariantCulture));
    }
}
