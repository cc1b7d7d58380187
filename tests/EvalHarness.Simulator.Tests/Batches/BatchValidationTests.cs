using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static EvalHarness.Simulator.Tests.Batches.BatchLifecycleTests;

namespace EvalHarness.Simulator.Tests.Batches;

public sealed class BatchValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> RunAsync(HttpClient client, string jsonl)
    {
        var created = await BatchHttp.CreateAsync(client, await BatchHttp.UploadAsync(client, jsonl, Ct), Ct);
        return (await BatchHttp.WaitAsync(client, created.GetProperty("id").GetString()!, Ct)).Batch;
    }

    private static JsonElement SingleError(JsonElement batch)
    {
        Assert.Equal("failed", batch.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, batch.GetProperty("failed_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, batch.GetProperty("output_file_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, batch.GetProperty("error_file_id").ValueKind);
        var errors = batch.GetProperty("errors");
        Assert.Equal("list", errors.GetProperty("object").GetString());
        return Assert.Single(errors.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Invalid_input_files_fail_at_validation_naming_the_line()
    {
        var options = new SimulatorOptions { ZeroLatency = true };
        await using var server = await SimulatorServer.StartAsync(options, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        var line0 = BatchHttp.Line(Id(0), Body("sim-oracle", 0));
        var cases = new (string Jsonl, string Code, int? Line)[]
        {
            (line0 + "\n" + line0 + "\n", "duplicate_custom_id", 2),
            (line0 + "\n{not json\n", "invalid_json_line", 2),
            (line0 + "\n" + BatchHttp.Line(Id(1), Body("sim-noisy", 1)) + "\n", "mismatched_model", 2),
            (line0.Replace("/v1/chat/completions", "/v1/embeddings", StringComparison.Ordinal) + "\n", "invalid_url", 1),
            ("\n\n", "empty_file", null),
        };
        foreach (var (jsonl, code, line) in cases)
        {
            var error = SingleError(await RunAsync(client, jsonl));
            Assert.Equal(code, error.GetProperty("code").GetString());
            if (line is { } n) Assert.Equal(n, error.GetProperty("line").GetInt32());
            else Assert.Equal(JsonValueKind.Null, error.GetProperty("line").ValueKind);
        }

        Assert.Empty(server.Counters.BatchLinesExecuted);
        Assert.Equal(cases.Length, server.Counters.BatchesCreated);
    }

    [Fact]
    public async Task Files_over_the_line_or_byte_limit_fail_at_validation()
    {
        var options = new SimulatorOptions { ZeroLatency = true };
        options.Batch.MaxLinesPerFile = 2;
        await using (var server = await SimulatorServer.StartAsync(options, ct: Ct))
        {
            using var client = SimHttp.CreateClient(server);
            Assert.Equal("completed", (await RunAsync(client, Jsonl("sim-oracle", 2))).GetProperty("status").GetString());
            Assert.Equal("too_many_requests", SingleError(await RunAsync(client, Jsonl("sim-oracle", 3))).GetProperty("code").GetString());
        }

        var jsonl = Jsonl("sim-oracle", 2);
        options = new SimulatorOptions { ZeroLatency = true };
        options.Batch.MaxFileBytes = System.Text.Encoding.UTF8.GetByteCount(jsonl) - 1;
        await using (var server = await SimulatorServer.StartAsync(options, ct: Ct))
        {
            using var client = SimHttp.CreateClient(server);
            Assert.Equal("file_too_large", SingleError(await RunAsync(client, jsonl)).GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Batch_over_the_enqueued_token_limit_fails_with_token_limit_exceeded_counting_active_batches()
    {
        // Tokens of a line = prompt tokens as usage reports them + max_completion_tokens.
        await using var probe = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);
        using var probeClient = SimHttp.CreateClient(probe);
        var lineTokens = 0L;
        for (var i = 0; i < 2; i++)
        {
            using var response = await SimHttp.PostChatAsync(probeClient, Body("sim-oracle", i, 50), Ct);
            lineTokens += (await SimHttp.ReadJsonAsync(response, Ct)).GetProperty("usage").GetProperty("prompt_tokens").GetInt32() + 50;
        }

        var jsonl = BatchHttp.Line(Id(0), Body("sim-oracle", 0, 50)) + "\n" + BatchHttp.Line(Id(1), Body("sim-oracle", 1, 50)) + "\n";
        var options = new SimulatorOptions { ZeroLatency = true };
        options.Batch.EnqueuedTokenLimit = lineTokens;
        options.Batch.CompletionSeconds = 1.5;
        await using var server = await SimulatorServer.StartAsync(options, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        var fileId = await BatchHttp.UploadAsync(client, jsonl, Ct);

        // Exactly at the limit: admitted. While it runs, the same batch again exceeds the limit.
        var first = await BatchHttp.CreateAsync(client, fileId, Ct);
        while ((await BatchHttp.GetAsync(client, first.GetProperty("id").GetString()!, Ct)).GetProperty("status").GetString() == "validating") await Task.Delay(10, Ct);
        var second = await BatchHttp.CreateAsync(client, fileId, Ct);
        var (_, failed) = await BatchHttp.WaitAsync(client, second.GetProperty("id").GetString()!, Ct);
        var error = SingleError(failed);
        Assert.Equal("token_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal($"Enqueued token limit reached for sim-oracle in organization org-sim. Limit: {lineTokens} enqueued tokens. Please try again once some in_progress batches have been completed.", error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal(JsonValueKind.Null, error.GetProperty("line").ValueKind);

        // Once the first finished, its tokens are free again.
        Assert.Equal("completed", (await BatchHttp.WaitAsync(client, first.GetProperty("id").GetString()!, Ct)).Batch.GetProperty("status").GetString());
        var third = await BatchHttp.CreateAsync(client, fileId, Ct);
        Assert.Equal("completed", (await BatchHttp.WaitAsync(client, third.GetProperty("id").GetString()!, Ct)).Batch.GetProperty("status").GetString());

        // One more token than the limit fails on its own.
        options.Batch.EnqueuedTokenLimit = lineTokens - 1;
        await using var strict = await SimulatorServer.StartAsync(options, ct: Ct);
        using var strictClient = SimHttp.CreateClient(strict);
        Assert.Equal("token_limit_exceeded", SingleError(await RunAsync(strictClient, jsonl)).GetProperty("code").GetString());
        Assert.Empty(strict.Counters.BatchLinesExecuted);
    }

    [Theory]
    [InlineData("""{"endpoint":"/v1/chat/completions","completion_window":"24h"}""", 400, "input_file_id")]
    [InlineData("""{"input_file_id":"FILE","completion_window":"24h"}""", 400, "endpoint")]
    [InlineData("""{"input_file_id":"FILE","endpoint":"/v1/chat/completions"}""", 400, "completion_window")]
    [InlineData("""{"input_file_id":"FILE","endpoint":"/v1/embeddings","completion_window":"24h"}""", 400, "endpoint")]
    [InlineData("""{"input_file_id":"FILE","endpoint":"/v1/chat/completions","completion_window":"48h"}""", 400, "completion_window")]
    [InlineData("""{"input_file_id":"FILE","endpoint":"/v1/chat/completions","completion_window":"24h","metadata":[1]}""", 400, "metadata")]
    [InlineData("""{"input_file_id":"file-unknown","endpoint":"/v1/chat/completions","completion_window":"24h"}""", 404, "input_file_id")]
    [InlineData("""{not json""", 400, null)]
    public async Task Bad_create_requests_get_openai_errors(string body, int status, string? param)
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        var fileId = await BatchHttp.UploadAsync(client, Jsonl("sim-oracle", 1), Ct);

        using var response = await BatchHttp.CreateRawAsync(client, body.Replace("FILE", fileId, StringComparison.Ordinal), Ct);

        Assert.Equal(status, (int)response.StatusCode);
        var error = (await SimHttp.ReadJsonAsync(response, Ct)).GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        if (param is null) Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        else Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(0, server.Counters.BatchesCreated);
    }

    [Fact]
    public async Task Bad_uploads_and_unknown_ids_get_openai_errors()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);
        using var client = SimHttp.CreateClient(server);

        using var wrongPurpose = await BatchHttp.UploadRawAsync(client, Jsonl("sim-oracle", 1), "fine-tune", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrongPurpose.StatusCode);
        Assert.Equal("purpose", (await SimHttp.ReadJsonAsync(wrongPurpose, Ct)).GetProperty("error").GetProperty("param").GetString());
        using var noFile = await client.PostAsync("files", new MultipartFormDataContent { { new StringContent("batch"), "purpose" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        using var notMultipart = await client.PostAsync("files", new StringContent("{}"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notMultipart.StatusCode);
        foreach (var path in new[] { "files/file-nope", "files/file-nope/content", "batches/batch_nope" })
        {
            using var response = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("invalid_request_error", (await SimHttp.ReadJsonAsync(response, Ct)).GetProperty("error").GetProperty("type").GetString());
        }

        using var delete = await client.DeleteAsync("files/file-nope", Ct);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(0, server.Counters.FilesUploaded);
    }

    [Fact]
    public async Task Required_api_key_guards_files_and_batches()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, RequiredApiKey = "sk-sim" }, ct: Ct);
        using var client = SimHttp.CreateClient(server);

        using var anonymous = await BatchHttp.UploadRawAsync(client, Jsonl("sim-oracle", 1), "batch", Ct);
        using var list = await client.GetAsync("batches", Ct);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sk-sim");
        using var keyed = await BatchHttp.UploadRawAsync(client, Jsonl("sim-oracle", 1), "batch", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.Equal(1, server.Counters.FilesUploaded);
    }

    [Fact]
    public async Task List_pages_newest_first_with_after_cursor()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        var fileId = await BatchHttp.UploadAsync(client, Jsonl("sim-oracle", 1), Ct);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await BatchHttp.CreateAsync(client, fileId, Ct)).GetProperty("id").GetString()!);

        var first = JsonNode.Parse(await client.GetStringAsync("batches?limit=2", Ct))!;
        var rest = JsonNode.Parse(await client.GetStringAsync("batches?limit=2&after=" + first["last_id"]!.GetValue<string>(), Ct))!;

        Assert.Equal("list", first["object"]!.GetValue<string>());
        Assert.Equal([ids[2], ids[1]], first["data"]!.AsArray().Select(b => b!["id"]!.GetValue<string>()));
        Assert.True(first["has_more"]!.GetValue<bool>());
        Assert.Equal([ids[0]], rest["data"]!.AsArray().Select(b => b!["id"]!.GetValue<string>()));
        Assert.False(rest["has_more"]!.GetValue<bool>());
        using var badLimit = await client.GetAsync("batches?limit=0", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Equal(3, server.Counters.BatchesCreated);
    }
}
