using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvalHarness.Simulator.Tests;

public sealed class ErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unknown_model_is_404_model_not_found()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);
        using var client = SimHttp.CreateClient(server);

        using var response = await SimHttp.PostChatAsync(client, SimHttp.ChatBody("gpt-nonexistent", "hi"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await ReadErrorAsync(response);
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains("gpt-nonexistent", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"model":"sim-oracle"}""")]
    [InlineData("""{"model":"sim-oracle","messages":[]}""")]
    [InlineData("""{"model":"sim-oracle","messages":[{"role":"wizard","content":"x"}]}""")]
    [InlineData("""{"model":"sim-oracle","messages":[{"role":"user","content":"x"}],"max_completion_tokens":0}""")]
    [InlineData("""{"model":"sim-oracle","messages":[{"role":"user","content":"x"}],"stream":"yes"}""")]
    [InlineData("""{"model":"sim-oracle","messages":[{"role":"user","content":"x"}],"stream_options":{"include_usage":true}}""")]
    public async Task Malformed_body_is_400_invalid_request_error(string body)
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);
        using var client = SimHttp.CreateClient(server);

        using var response = await SimHttp.PostRawAsync(client, body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ReadErrorAsync(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Prompt_over_the_context_window_is_400_context_length_exceeded()
    {
        var options = new SimulatorOptions { ZeroLatency = true };
        options.Models["sim-oracle"] = new ModelProfile { ContextWindowTokens = 50 };
        await using var server = await SimulatorServer.StartAsync(options, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        var longText = string.Join(' ', Enumerable.Repeat("token", 100));

        using var tooLong = await SimHttp.PostChatAsync(client, SimHttp.ChatBody("sim-oracle", longText), Ct);
        using var fits = await SimHttp.PostChatAsync(client, SimHttp.ChatBody("sim-oracle", "short"), Ct);
        // The override is by prefix: other models keep the default window.
        using var other = await SimHttp.PostChatAsync(client, SimHttp.ChatBody("sim-echo", longText), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var error = await ReadErrorAsync(tooLong);
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("messages", error.GetProperty("param").GetString());
        Assert.Contains("maximum context length is 50 tokens", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Unknown_path_is_404_json_error()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);
        using var client = SimHttp.CreateClient(server);

        using var response = await client.PostAsync("responses", new StringContent("{}"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await ReadErrorAsync(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Content_as_array_of_text_parts_is_read()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        var body = new JsonObject
        {
            ["model"] = "sim-echo",
            ["messages"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(
                    new JsonObject { ["type"] = "text", ["text"] = "Hello, " },
                    new JsonObject { ["type"] = "text", ["text"] = "world" }),
            }),
        };

        using var response = await SimHttp.PostChatAsync(client, body, Ct);
        var json = await SimHttp.ReadJsonAsync(response, Ct);

        Assert.Equal("Hello, world", json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    private static async Task<JsonElement> ReadErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await SimHttp.ReadJsonAsync(response, Ct);
        var error = json.GetProperty("error");
        Assert.True(error.TryGetProperty("param", out _));
        Assert.True(error.TryGetProperty("code", out _));
        return error;
    }
}
