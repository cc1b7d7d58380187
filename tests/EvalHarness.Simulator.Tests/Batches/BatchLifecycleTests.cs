using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvalHarness.Simulator.Tests.Batches;

public sealed class BatchLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static string NiahPrompt(int i) =>
        "A special number is hidden in the text below. Read the text carefully and remember it; a question about it follows the text.\n" +
        $"The road is long. One of the special numbers for key-{i} is: {5550100 + i}. The day ends.\n" +
        $"Question: What is the special number for key-{i} mentioned in the text above? Answer with the number only.";

    internal static JsonObject Body(string model, int i, int? maxCompletionTokens = null) =>
        SimHttp.ChatBody(model, NiahPrompt(i), maxCompletionTokens: maxCompletionTokens);

    internal static string Jsonl(string model, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => BatchHttp.Line(Id(i), Body(model, i)) + "\n"));

    internal static string Id(int i) => "niah/" + i.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Batch_runs_validating_in_progress_finalizing_completed_and_answers_like_the_chat_endpoint()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        // One answer cut by its output limit; each must equal the direct call's.
        var bodies = Enumerable.Range(0, 12).Select(i => Body("sim-oracle", i, i == 5 ? 5 : null)).ToList();
        var jsonl = string.Concat(bodies.Select((b, i) => BatchHttp.Line(Id(i), b) + "\n"));

        var fileId = await BatchHttp.UploadAsync(client, jsonl, Ct);
        var created = await BatchHttp.CreateAsync(client, fileId, Ct);
        Assert.Equal("validating", created.GetProperty("status").GetString());
        Assert.Equal("batch", created.GetProperty("object").GetString());
        Assert.Equal(fileId, created.GetProperty("input_file_id").GetString());
        Assert.Equal("t1", created.GetProperty("metadata").GetProperty("run").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("output_file_id").ValueKind);
        var (seen, batch) = await BatchHttp.WaitAsync(client, created.GetProperty("id").GetString()!, Ct);

        Assert.Equal("completed", seen[^1]);
        Assert.Contains("in_progress", seen);
        Assert.Equal(JsonValueKind.Null, batch.GetProperty("errors").ValueKind);
        Assert.Equal(JsonValueKind.Null, batch.GetProperty("error_file_id").ValueKind); // nothing failed: no error file
        foreach (var field in new[] { "in_progress_at", "finalizing_at", "completed_at" }) Assert.Equal(JsonValueKind.Number, batch.GetProperty(field).ValueKind);
        var counts = batch.GetProperty("request_counts");
        Assert.Equal((12, 12, 0), (counts.GetProperty("total").GetInt32(), counts.GetProperty("completed").GetInt32(), counts.GetProperty("failed").GetInt32()));
        var output = BatchHttp.ByCustomId(await BatchHttp.ReadLinesAsync(client, batch.GetProperty("output_file_id"), Ct));
        Assert.Equal(12, output.Count);
        for (var i = 0; i < bodies.Count; i++)
        {
            var line = output[Id(i)];
            Assert.StartsWith("batch_req_", line.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, line.GetProperty("error").ValueKind);
            var response = line.GetProperty("response");
            Assert.Equal(200, response.GetProperty("status_code").GetInt32());
            Assert.StartsWith("req_", response.GetProperty("request_id").GetString(), StringComparison.Ordinal);
            using var direct = await SimHttp.PostChatAsync(client, bodies[i], Ct);
            AssertSameAnswer(await SimHttp.ReadJsonAsync(direct, Ct), response.GetProperty("body"));
        }

        Assert.Equal("length", output[Id(5)].GetProperty("response").GetProperty("body").GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Contains("5550100", output[Id(0)].GetProperty("response").GetProperty("body").GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, server.Counters.FilesUploaded);
        Assert.Equal(1, server.Counters.BatchesCreated);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => "sim-oracle " + Id(i)).Order(StringComparer.Ordinal), server.Counters.BatchLinesExecuted.Keys.Order(StringComparer.Ordinal));
        Assert.All(server.Counters.BatchLinesExecuted.Values, v => Assert.Equal(1, v));
    }

    [Fact]
    public async Task Uploaded_file_has_metadata_content_and_can_be_deleted()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        var jsonl = Jsonl("sim-oracle", 2);
        var fileId = await BatchHttp.UploadAsync(client, jsonl, Ct);

        using (var meta = await client.GetAsync("files/" + fileId, Ct))
        {
            var file = await SimHttp.ReadJsonAsync(meta, Ct);
            Assert.Equal(("batch", "input.jsonl"), (file.GetProperty("purpose").GetString(), file.GetProperty("filename").GetString()));
        }

        Assert.Equal(jsonl, await client.GetStringAsync("files/" + fileId + "/content", Ct));
        using (var deleted = await client.DeleteAsync("files/" + fileId, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            Assert.True((await SimHttp.ReadJsonAsync(deleted, Ct)).GetProperty("deleted").GetBoolean());
        }

        using var gone = await client.GetAsync("files/" + fileId + "/content", Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    /// <summary>Everything but the per-call identity (id, created) equals the direct call's body.</summary>
    internal static void AssertSameAnswer(JsonElement direct, JsonElement batch)
    {
        Assert.Equal("chat.completion", batch.GetProperty("object").GetString());
        Assert.Equal(direct.GetProperty("model").GetString(), batch.GetProperty("model").GetString());
        Assert.Equal(direct.GetProperty("choices").GetRawText(), batch.GetProperty("choices").GetRawText());
        Assert.Equal(direct.GetProperty("usage").GetRawText(), batch.GetProperty("usage").GetRawText());
    }
}
