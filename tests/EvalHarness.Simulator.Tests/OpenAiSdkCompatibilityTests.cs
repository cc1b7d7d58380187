using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using EvalHarness.Core.Text;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;

namespace EvalHarness.Simulator.Tests;

/// <summary>The official OpenAI .NET SDK must read the simulator exactly as it reads OpenAI.</summary>
public sealed class OpenAiSdkCompatibilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sdk_streams_content_finish_reason_and_usage()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions(), ct: Ct);
        var client = CreateChatClient(server, "sim-echo");
        const string text = "Streaming through the official client, one token at a time.";

        var content = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        string? model = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage(text)], new ChatCompletionOptions(), Ct))
        {
            model ??= update.Model;
            foreach (var part in update.ContentUpdate) content.Append(part.Text);
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(text, content.ToString());
        Assert.Equal("sim-echo", model);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        var count = O200kTokenizer.Shared.CountTokens(text);
        Assert.Equal(count + 6, usage.InputTokenCount);
        Assert.Equal(count, usage.OutputTokenCount);
        Assert.Equal(0, usage.InputTokenDetails.CachedTokenCount);
        Assert.Equal(0, usage.OutputTokenDetails.ReasoningTokenCount);
    }

    [Fact]
    public async Task Sdk_reads_non_streaming_completion_and_output_limit()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);
        var client = CreateChatClient(server, "sim-echo");
        var text = string.Join(' ', Enumerable.Repeat("limit", 50));

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage(text)], new ChatCompletionOptions { MaxOutputTokenCount = 7 }, Ct);

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(7, completion.Usage.OutputTokenCount);
        Assert.StartsWith(completion.Content[0].Text, text, StringComparison.Ordinal);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
    }

    [Fact]
    public async Task Sdk_surfaces_errors_with_status_and_openai_body()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);
        var client = CreateChatClient(server, "no-such-model");

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions(), Ct));

        Assert.Equal(404, ex.Status);
        Assert.Contains("model_not_found", ex.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sdk_lists_models()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);
        var models = new OpenAIModelClient(new ApiKeyCredential("sk-simulator"), Options(server));

        var list = await models.GetModelsAsync(Ct);

        Assert.Equal(SimulatorOptions.BuiltInModelIds, list.Value.Select(m => m.Id).ToList());
    }

    private static ChatClient CreateChatClient(SimulatorServer server, string model) =>
        new(model, new ApiKeyCredential("sk-simulator"), Options(server));

    private static OpenAIClientOptions Options(SimulatorServer server) =>
        new() { Endpoint = server.BaseUrl, RetryPolicy = new ClientRetryPolicy(0) };
}
