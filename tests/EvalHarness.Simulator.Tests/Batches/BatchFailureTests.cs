using System.Net;
using System.Text.Json;
using EvalHarness.Simulator.Batches;
using static EvalHarness.Simulator.Tests.Batches.BatchLifecycleTests;

namespace EvalHarness.Simulator.Tests.Batches;

public sealed class BatchFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SimulatorOptions Options(Action<BatchOptions> batch)
    {
        var options = new SimulatorOptions { ZeroLatency = true };
        batch(options.Batch);
        return options;
    }

    private static async Task<(SimulatorServer Server, HttpClient Client, JsonElement Batch)> RunAsync(SimulatorOptions options, string jsonl)
    {
        var server = await SimulatorServer.StartAsync(options, ct: Ct);
        var client = SimHttp.CreateClient(server);
        var created = await BatchHttp.CreateAsync(client, await BatchHttp.UploadAsync(client, jsonl, Ct), Ct);
        var (_, batch) = await BatchHttp.WaitAsync(client, created.GetProperty("id").GetString()!, Ct);
        return (server, client, batch);
    }

    private static (int Total, int Completed, int Failed) Counts(JsonElement batch)
    {
        var c = batch.GetProperty("request_counts");
        return (c.GetProperty("total").GetInt32(), c.GetProperty("completed").GetInt32(), c.GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task Expired_batch_keeps_finished_lines_in_the_output_file_and_the_rest_as_batch_expired()
    {
        var (server, client, batch) = await RunAsync(Options(b => b.ExpireAfterLines = 3), Jsonl("sim-oracle", 5));
        await using var _ = server;
        using var __ = client;

        Assert.Equal("expired", batch.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, batch.GetProperty("expired_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, batch.GetProperty("completed_at").ValueKind);
        Assert.Equal((5, 3, 0), Counts(batch));
        var output = await BatchHttp.ReadLinesAsync(client, batch.GetProperty("output_file_id"), Ct);
        var errors = await BatchHttp.ReadLinesAsync(client, batch.GetProperty("error_file_id"), Ct);
        Assert.Equal([Id(0), Id(1), Id(2)], output.Select(l => l.GetProperty("custom_id").GetString()));
        Assert.Equal([Id(3), Id(4)], errors.Select(l => l.GetProperty("custom_id").GetString()));
        Assert.All(errors, l =>
        {
            Assert.Equal(JsonValueKind.Null, l.GetProperty("response").ValueKind);
            Assert.Equal("batch_expired", l.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal("This request could not be executed before the completion window expired.", l.GetProperty("error").GetProperty("message").GetString());
        });
        // Unexecuted lines were not paid for.
        Assert.Equal(["sim-oracle niah/0", "sim-oracle niah/1", "sim-oracle niah/2"], server.Counters.BatchLinesExecuted.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_nth_line_fails_with_500_in_the_error_file_and_the_batch_still_completes()
    {
        var (server, client, batch) = await RunAsync(Options(b => b.FailEveryNthLine = 2), Jsonl("sim-oracle", 5));
        await using var _ = server;
        using var __ = client;

        Assert.Equal("completed", batch.GetProperty("status").GetString());
        Assert.Equal((5, 3, 2), Counts(batch));
        var output = await BatchHttp.ReadLinesAsync(client, batch.GetProperty("output_file_id"), Ct);
        var errors = await BatchHttp.ReadLinesAsync(client, batch.GetProperty("error_file_id"), Ct);
        Assert.Equal([Id(0), Id(2), Id(4)], output.Select(l => l.GetProperty("custom_id").GetString()));
        Assert.Equal([Id(1), Id(3)], errors.Select(l => l.GetProperty("custom_id").GetString()));
        Assert.All(errors, l =>
        {
            Assert.Equal(JsonValueKind.Null, l.GetProperty("error").ValueKind);
            Assert.Equal(500, l.GetProperty("response").GetProperty("status_code").GetInt32());
            Assert.Equal("server_error", l.GetProperty("response").GetProperty("body").GetProperty("error").GetProperty("type").GetString());
        });
        // Failed lines were executed (and paid) once each.
        Assert.Equal(5, server.Counters.BatchLinesExecuted.Count);
        Assert.All(server.Counters.BatchLinesExecuted.Values, v => Assert.Equal(1, v));
    }

    [Fact]
    public async Task Line_over_the_context_window_fails_like_the_chat_endpoint()
    {
        var options = new SimulatorOptions { ZeroLatency = true };
        options.Models["sim-oracle"] = new ModelProfile { ContextWindowTokens = 100 };
        var longText = string.Join(' ', Enumerable.Repeat("token", 200));
        var jsonl = BatchHttp.Line("short", Body("sim-oracle", 1)) + "\n" + BatchHttp.Line("long", SimHttp.ChatBody("sim-oracle", longText)) + "\n";
        var (server, client, batch) = await RunAsync(options, jsonl);
        await using var _ = server;
        using var __ = client;

        Assert.Equal("completed", batch.GetProperty("status").GetString());
        var error = Assert.Single(await BatchHttp.ReadLinesAsync(client, batch.GetProperty("error_file_id"), Ct));
        Assert.Equal("long", error.GetProperty("custom_id").GetString());
        using var direct = await SimHttp.PostChatAsync(client, SimHttp.ChatBody("sim-oracle", longText), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, direct.StatusCode);
        Assert.Equal(400, error.GetProperty("response").GetProperty("status_code").GetInt32());
        Assert.Equal((await SimHttp.ReadJsonAsync(direct, Ct)).GetRawText(), error.GetProperty("response").GetProperty("body").GetRawText());
        Assert.Equal("short", Assert.Single(await BatchHttp.ReadLinesAsync(client, batch.GetProperty("output_file_id"), Ct)).GetProperty("custom_id").GetString());
    }

    [Fact]
    public async Task Unknown_model_fails_every_line_with_404_and_completed_has_no_output_file()
    {
        var (server, client, batch) = await RunAsync(new SimulatorOptions { ZeroLatency = true }, Jsonl("gpt-nonexistent", 2));
        await using var _ = server;
        using var __ = client;

        Assert.Equal("completed", batch.GetProperty("status").GetString());
        Assert.Equal((2, 0, 2), Counts(batch));
        Assert.Equal(JsonValueKind.Null, batch.GetProperty("output_file_id").ValueKind);
        var errors = await BatchHttp.ReadLinesAsync(client, batch.GetProperty("error_file_id"), Ct);
        Assert.Equal(2, errors.Count);
        Assert.All(errors, l =>
        {
            Assert.Equal(404, l.GetProperty("response").GetProperty("status_code").GetInt32());
            Assert.Equal("model_not_found", l.GetProperty("response").GetProperty("body").GetProperty("error").GetProperty("code").GetString());
        });
    }

    [Fact]
    public async Task Absent_file_ids_can_be_empty_strings()
    {
        var options = Options(b => b.EmptyFileIdsAsEmptyString = true);
        await using var server = await SimulatorServer.StartAsync(options, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        var created = await BatchHttp.CreateAsync(client, await BatchHttp.UploadAsync(client, Jsonl("sim-oracle", 2), Ct), Ct);
        Assert.Equal("", created.GetProperty("output_file_id").GetString());
        Assert.Equal("", created.GetProperty("error_file_id").GetString());

        var (_, batch) = await BatchHttp.WaitAsync(client, created.GetProperty("id").GetString()!, Ct);

        Assert.Equal("completed", batch.GetProperty("status").GetString());
        Assert.StartsWith("file-", batch.GetProperty("output_file_id").GetString(), StringComparison.Ordinal);
        Assert.Equal("", batch.GetProperty("error_file_id").GetString());
    }

    [Fact]
    public async Task Cancel_keeps_finished_lines_and_marks_the_rest_batch_cancelled()
    {
        await using var server = await SimulatorServer.StartAsync(Options(b => b.CompletionSeconds = 3), ct: Ct);
        using var client = SimHttp.CreateClient(server);
        var created = await BatchHttp.CreateAsync(client, await BatchHttp.UploadAsync(client, Jsonl("sim-oracle", 30), Ct), Ct);
        var id = created.GetProperty("id").GetString()!;
        while (Counts(await BatchHttp.GetAsync(client, id, Ct)).Completed == 0) await Task.Delay(10, Ct);

        using var cancel = await client.PostAsync("batches/" + id + "/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Contains((await SimHttp.ReadJsonAsync(cancel, Ct)).GetProperty("status").GetString(), new[] { "cancelling", "cancelled" });
        var (_, batch) = await BatchHttp.WaitAsync(client, id, Ct);

        Assert.Equal("cancelled", batch.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, batch.GetProperty("cancelling_at").ValueKind);
        Assert.Equal(JsonValueKind.Number, batch.GetProperty("cancelled_at").ValueKind);
        var (total, completed, failed) = Counts(batch);
        Assert.Equal((30, 0), (total, failed));
        Assert.InRange(completed, 1, 29);
        var output = await BatchHttp.ReadLinesAsync(client, batch.GetProperty("output_file_id"), Ct);
        var errors = await BatchHttp.ReadLinesAsync(client, batch.GetProperty("error_file_id"), Ct);
        Assert.Equal(completed, output.Count);
        Assert.Equal(30 - completed, errors.Count);
        Assert.All(errors, l => Assert.Equal("batch_cancelled", l.GetProperty("error").GetProperty("code").GetString()));
        Assert.Equal(Enumerable.Range(0, 30).Select(Id), output.Concat(errors).Select(l => l.GetProperty("custom_id").GetString()));
        Assert.Equal(completed, server.Counters.BatchLinesExecuted.Count);

        // A finished batch cannot be cancelled; an unknown one is not found.
        using var again = await client.PostAsync("batches/" + id + "/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var unknown = await client.PostAsync("batches/batch_nope/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
