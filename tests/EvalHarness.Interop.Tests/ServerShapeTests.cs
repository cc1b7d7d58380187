using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace EvalHarness.Interop.Tests;

/// <summary>
/// What the real server sends, pinned so that a llama.cpp upgrade which changes it is noticed here first: the
/// reasoning split, usage and timings in the stream, and the shape of its context-overflow error.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class ServerShapeTests(RealServers servers)
{
    [Fact]
    public async Task StreamCarriesReasoningSeparatelyThenContentUsageAndTimings()
    {
        LlamaServer.RequireBuilt();
        var chunks = await StreamAsync(servers.Split!, "Say hi", 64);
        var reasoning = string.Concat(chunks.Select(c => Text(c, "reasoning_content")));
        var content = string.Concat(chunks.Select(c => Text(c, "content")));
        Assert.Equal("Okay, a short reply.", reasoning.Trim());
        Assert.Equal("The answer is 42", content.Trim());
        Assert.Contains(chunks, c => (string?)Choice(c)?["finish_reason"] == "stop");
        var usage = chunks.Last(c => c["usage"] is JsonObject)["usage"]!;
        Assert.True((int)usage["completion_tokens"]! >= 24);
        Assert.Null(usage["completion_tokens_details"]?["reasoning_tokens"]); // no reasoning count: the harness cannot subtract it
        var timings = chunks.Last(c => c["timings"] is JsonObject)["timings"]!;
        Assert.True((double)timings["predicted_per_second"]! > 0);
        Assert.True((double)timings["prompt_ms"]! > 0);
    }

    [Fact]
    public async Task WithReasoningFormatNoneTheThinkBlockIsInTheContent()
    {
        LlamaServer.RequireBuilt();
        var chunks = await StreamAsync(servers.Plain!, "Say hi", 64);
        var content = string.Concat(chunks.Select(c => Text(c, "content")));
        Assert.StartsWith("<think> Okay, a short reply.</think>", content.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(chunks, c => Choice(c)?["delta"]?["reasoning_content"] is not null);
    }

    [Fact]
    public async Task ContextOverflowIsHttp400ExceedContextSizeErrorWithAnIntegerCode()
    {
        LlamaServer.RequireBuilt();
        var ct = TestContext.Current.CancellationToken;
        var big = string.Join(' ', Enumerable.Range(0, 12000).Select(i => "word" + i));
        using var http = new HttpClient();
        using var response = await http.PostAsync(servers.Split!.BaseUrl + "/chat/completions", Body(big, 5, stream: true), ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["error"]!;
        Assert.Equal("exceed_context_size_error", (string?)error["type"]);
        Assert.Equal(400, (int)error["code"]!);
        Assert.Contains("context", (string?)error["message"], StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The chunk's first choice; none in the usage chunk (<c>choices: []</c>).</summary>
    private static JsonNode? Choice(JsonNode chunk) => chunk["choices"] is JsonArray { Count: > 0 } choices ? choices[0] : null;

    private static string? Text(JsonNode chunk, string field) => (string?)Choice(chunk)?["delta"]?[field];

    private static async Task<List<JsonNode>> StreamAsync(LlamaServer server, string prompt, int maxTokens)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient();
        using var response = await http.PostAsync(server.BaseUrl + "/chat/completions", Body(prompt, maxTokens, stream: true), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var chunks = new List<JsonNode>();
        foreach (var line in (await response.Content.ReadAsStringAsync(ct)).Split('\n'))
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal) || line == "data: [DONE]") continue;
            chunks.Add(JsonNode.Parse(line["data: ".Length..])!);
        }
        return chunks;
    }

    private static StringContent Body(string prompt, int maxTokens, bool stream)
    {
        var body = new JsonObject
        {
            ["model"] = "tiny",
            ["stream"] = stream,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
            ["max_completion_tokens"] = maxTokens,
            ["temperature"] = 0,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
        };
        return new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
    }
}
