using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvalHarness.Simulator.Tests;

/// <summary>Raw HTTP helpers: the tests look at the wire format, not at a client library's reading of it.</summary>
internal static class SimHttp
{
    public static HttpClient CreateClient(SimulatorServer server) =>
        new() { BaseAddress = new Uri(server.BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };

    public static JsonObject ChatBody(string model, string userText, bool stream = false, bool includeUsage = false, int? maxCompletionTokens = null)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = userText }),
        };
        if (stream) body["stream"] = true;
        if (includeUsage) body["stream_options"] = new JsonObject { ["include_usage"] = true };
        if (maxCompletionTokens is { } max) body["max_completion_tokens"] = max;
        return body;
    }

    public static Task<HttpResponseMessage> PostChatAsync(HttpClient client, JsonNode body, CancellationToken ct) =>
        PostRawAsync(client, body.ToJsonString(), ct);

    public static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string json, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions")
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The <c>data:</c> payloads of an event stream, in order ("[DONE]" included verbatim).</summary>
    public static async Task<List<string>> ReadEventsAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        var events = new List<string>();
        foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith("data: ", block, StringComparison.Ordinal);
            events.Add(block["data: ".Length..]);
        }

        return events;
    }

    public static string ContentOf(IEnumerable<string> events) => string.Concat(
        events.Where(e => e != "[DONE]")
            .Select(e => JsonDocument.Parse(e).RootElement.GetProperty("choices"))
            .Where(choices => choices.GetArrayLength() > 0)
            .Select(choices => choices[0].GetProperty("delta"))
            .Select(delta => delta.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : ""));
}
