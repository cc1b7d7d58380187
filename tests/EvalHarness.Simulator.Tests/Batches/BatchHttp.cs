using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvalHarness.Simulator.Tests.Batches;

/// <summary>Raw HTTP calls of the Batch API, as a client sends them.</summary>
internal static class BatchHttp
{
    public static string Line(string customId, JsonNode body) => new JsonObject
    {
        ["custom_id"] = customId,
        ["method"] = "POST",
        ["url"] = "/v1/chat/completions",
        ["body"] = body,
    }.ToJsonString();

    public static async Task<HttpResponseMessage> UploadRawAsync(HttpClient client, string jsonl, string purpose, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(purpose), "purpose");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(jsonl));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        form.Add(file, "file", "input.jsonl");
        return await client.PostAsync("files", form, ct);
    }

    public static async Task<string> UploadAsync(HttpClient client, string jsonl, CancellationToken ct)
    {
        using var response = await UploadRawAsync(client, jsonl, "batch", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = await SimHttp.ReadJsonAsync(response, ct);
        Assert.Equal("file", file.GetProperty("object").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount(jsonl), file.GetProperty("bytes").GetInt64());
        return file.GetProperty("id").GetString()!;
    }

    public static Task<HttpResponseMessage> CreateRawAsync(HttpClient client, string json, CancellationToken ct) =>
        client.PostAsync("batches", new StringContent(json, Encoding.UTF8, "application/json"), ct);

    public static async Task<JsonElement> CreateAsync(HttpClient client, string inputFileId, CancellationToken ct)
    {
        var body = new JsonObject { ["input_file_id"] = inputFileId, ["endpoint"] = "/v1/chat/completions", ["completion_window"] = "24h", ["metadata"] = new JsonObject { ["run"] = "t1" } };
        using var response = await CreateRawAsync(client, body.ToJsonString(), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SimHttp.ReadJsonAsync(response, ct);
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string batchId, CancellationToken ct)
    {
        using var response = await client.GetAsync("batches/" + batchId, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SimHttp.ReadJsonAsync(response, ct);
    }

    /// <summary>Polls until the batch is in a terminal status; returns every status seen, in order, and the last object.</summary>
    public static async Task<(List<string> Seen, JsonElement Batch)> WaitAsync(HttpClient client, string batchId, CancellationToken ct)
    {
        var seen = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var batch = await GetAsync(client, batchId, ct);
            var status = batch.GetProperty("status").GetString()!;
            if (seen.Count == 0 || seen[^1] != status) seen.Add(status);
            if (status is "completed" or "failed" or "expired" or "cancelled") return (seen, batch);
            Assert.True(DateTime.UtcNow < deadline, $"batch still {status}");
            await Task.Delay(10, ct);
        }
    }

    /// <summary>The lines of a file, parsed; an absent file id (null or "") gives none.</summary>
    public static async Task<List<JsonElement>> ReadLinesAsync(HttpClient client, JsonElement fileId, CancellationToken ct)
    {
        if (fileId.ValueKind == JsonValueKind.Null || fileId.GetString() is "") return [];
        using var response = await client.GetAsync("files/" + fileId.GetString() + "/content", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    public static Dictionary<string, JsonElement> ByCustomId(IEnumerable<JsonElement> lines) =>
        lines.ToDictionary(l => l.GetProperty("custom_id").GetString()!, StringComparer.Ordinal);
}
