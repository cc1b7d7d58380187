using System.Net;
using System.Text.Json;
using EvalHarness.Core.Text;
using EvalHarness.TestSupport;

namespace EvalHarness.Simulator.Tests;

public sealed class ServerShapeTests
{
    private static readonly SimulatorOptions Fast = new() { ZeroLatency = true };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Models_endpoint_lists_the_built_in_ids_in_openai_list_format()
    {
        await using var server = await SimulatorServer.StartAsync(Fast, ct: Ct);
        using var client = SimHttp.CreateClient(server);

        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
        Assert.EndsWith("/v1", server.BaseUrl.AbsoluteUri, StringComparison.Ordinal);
        using var response = await client.GetAsync("models", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await SimHttp.ReadJsonAsync(response, Ct);
        Assert.Equal("list", json.GetProperty("object").GetString());
        var ids = json.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
        Assert.Equal(SimulatorOptions.BuiltInModelIds, ids);
        Assert.All(json.GetProperty("data").EnumerateArray(), m => Assert.Equal("model", m.GetProperty("object").GetString()));
    }

    [Fact]
    public async Task Non_streaming_completion_has_openai_shape_and_exact_usage()
    {
        await using var server = await SimulatorServer.StartAsync(Fast, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        var fixture = File.ReadAllText(SharedData.RequireFile("o200k", "fixtures", "01_hello.txt"));
        var expectedContentTokens = ExpectedCount("fixtures/01_hello.txt");

        using var response = await SimHttp.PostChatAsync(client, SimHttp.ChatBody("sim-echo", fixture), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await SimHttp.ReadJsonAsync(response, Ct);

        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        Assert.StartsWith("chatcmpl-", json.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("sim-echo", json.GetProperty("model").GetString());
        var choice = Assert.Single(json.GetProperty("choices").EnumerateArray());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(fixture, choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());

        var usage = json.GetProperty("usage");
        // One message: content tokens + 3 per message + 3 to prime the reply.
        Assert.Equal(expectedContentTokens + 3 + 3, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(expectedContentTokens, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(expectedContentTokens * 2 + 6, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
    }

    [Fact]
    public async Task Streaming_completion_sends_role_chunk_content_finish_usage_then_done()
    {
        await using var server = await SimulatorServer.StartAsync(Fast, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        const string text = "The quick brown fox jumps over the lazy dog, 12345 times!";

        using var response = await SimHttp.PostChatAsync(client, SimHttp.ChatBody("sim-echo", text, stream: true, includeUsage: true), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await SimHttp.ReadEventsAsync(response, Ct);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.All(chunks, c => Assert.Equal("sim-echo", c.GetProperty("model").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());

        var first = chunks[0].GetProperty("choices")[0].GetProperty("delta");
        Assert.Equal("assistant", first.GetProperty("role").GetString());
        Assert.Equal("", first.GetProperty("content").GetString());

        var contentChunks = chunks[1..^2];
        Assert.True(contentChunks.Count > 5, "content should arrive in about one chunk per token");
        Assert.Equal(text, SimHttp.ContentOf(events));
        Assert.All(contentChunks, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind));
        Assert.All(chunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));

        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var last = chunks[^1];
        Assert.Equal(0, last.GetProperty("choices").GetArrayLength());
        var usage = last.GetProperty("usage");
        Assert.Equal(O200kTokenizer.Shared.CountTokens(text) + 6, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(O200kTokenizer.Shared.CountTokens(text), usage.GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Streaming_without_include_usage_has_no_usage_chunk()
    {
        await using var server = await SimulatorServer.StartAsync(Fast, ct: Ct);
        using var client = SimHttp.CreateClient(server);

        using var response = await SimHttp.PostChatAsync(client, SimHttp.ChatBody("sim-echo", "hello there", stream: true), Ct);
        var events = await SimHttp.ReadEventsAsync(response, Ct);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(chunks, c => Assert.False(c.TryGetProperty("usage", out _)));
        Assert.All(chunks, c => Assert.Equal(1, c.GetProperty("choices").GetArrayLength()));
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Theory]
    [InlineData(false, "max_completion_tokens")]
    [InlineData(true, "max_completion_tokens")]
    [InlineData(false, "max_tokens")]
    public async Task Output_limit_truncates_to_that_many_tokens_with_finish_reason_length(bool stream, string field)
    {
        await using var server = await SimulatorServer.StartAsync(Fast, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        var text = string.Join(' ', Enumerable.Range(0, 60).Select(i => "word" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var body = SimHttp.ChatBody("sim-echo", text, stream, includeUsage: stream);
        body[field] = 10;

        using var response = await SimHttp.PostChatAsync(client, body, Ct);
        string content;
        string? finish;
        int completionTokens;
        if (stream)
        {
            var events = await SimHttp.ReadEventsAsync(response, Ct);
            content = SimHttp.ContentOf(events);
            var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
            finish = chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString();
            completionTokens = chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32();
        }
        else
        {
            var json = await SimHttp.ReadJsonAsync(response, Ct);
            content = json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
            finish = json.GetProperty("choices")[0].GetProperty("finish_reason").GetString();
            completionTokens = json.GetProperty("usage").GetProperty("completion_tokens").GetInt32();
        }

        Assert.Equal("length", finish);
        Assert.StartsWith(content, text, StringComparison.Ordinal);
        Assert.Equal(10, O200kTokenizer.Shared.CountTokens(content));
        Assert.Equal(10, completionTokens);
    }

    private static int ExpectedCount(string relativePath)
    {
        var tsv = SharedData.RequireFile("o200k", "fixtures", "expected_o200k.tsv");
        foreach (var line in File.ReadLines(tsv))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && parts[1] == relativePath) return int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException("no expected count for " + relativePath);
    }
}
