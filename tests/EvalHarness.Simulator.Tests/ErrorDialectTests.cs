using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace EvalHarness.Simulator.Tests;

/// <summary>The simulator answers overflow, unknown model, bad key and oversize requests in each server's dialect.</summary>
public sealed class ErrorDialectTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string LongText => string.Join(' ', Enumerable.Repeat("token", 100));

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(SimulatorOptions options, string model, string text, string? key = null)
    {
        await using var server = await SimulatorServer.StartAsync(options, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await SimHttp.PostChatAsync(client, SimHttp.ChatBody(model, text), Ct);
        Assert.Equal(1, server.Counters.ChatRequests);
        return (response.StatusCode, (await SimHttp.ReadJsonAsync(response, Ct)).Clone());
    }

    [Fact]
    public async Task LlamaCppOverflowHasAnIntegerCodeAndTheContextSizes()
    {
        var (status, body) = await PostAsync(new SimulatorOptions { ZeroLatency = true, ContextWindowTokens = 50, ErrorDialect = ErrorDialect.LlamaCpp }, "sim-oracle", LongText);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error");
        Assert.Equal(JsonValueKind.Number, error.GetProperty("code").ValueKind);
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Equal("exceed_context_size_error", error.GetProperty("type").GetString());
        Assert.Equal(50, error.GetProperty("n_ctx").GetInt32());
        Assert.True(error.GetProperty("n_prompt_tokens").GetInt32() > 50);
    }

    [Fact]
    public async Task VllmOverflowSaysTheMaximumContextLengthWithAnIntegerCode()
    {
        var (status, body) = await PostAsync(new SimulatorOptions { ZeroLatency = true, ContextWindowTokens = 50, ErrorDialect = ErrorDialect.Vllm }, "sim-oracle", LongText);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error");
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Equal("BadRequestError", error.GetProperty("type").GetString());
        Assert.Contains("maximum context length is 50 tokens", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OllamaOverflowHasANullCode()
    {
        var (status, body) = await PostAsync(new SimulatorOptions { ZeroLatency = true, ContextWindowTokens = 50, ErrorDialect = ErrorDialect.Ollama }, "sim-oracle", LongText);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("error").GetProperty("code").ValueKind);
        Assert.Contains("exceeds the context length", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ErrorDialect.OpenAI, "model_not_found")]
    [InlineData(ErrorDialect.Azure, "DeploymentNotFound")]
    [InlineData(ErrorDialect.Vllm, "404")]
    [InlineData(ErrorDialect.LlamaCpp, "404")]
    [InlineData(ErrorDialect.Ollama, null)]
    public async Task UnknownModelIs404InEachDialect(ErrorDialect dialect, string? code)
    {
        var (status, body) = await PostAsync(new SimulatorOptions { ZeroLatency = true, ErrorDialect = dialect }, "gpt-nonexistent", "hi");
        Assert.Equal(HttpStatusCode.NotFound, status);
        var c = body.GetProperty("error").GetProperty("code");
        Assert.Equal(code, c.ValueKind == JsonValueKind.Null ? null : c.ValueKind == JsonValueKind.Number ? c.GetRawText() : c.GetString());
    }

    [Theory]
    [InlineData(ErrorDialect.OpenAI)]
    [InlineData(ErrorDialect.Azure)]
    [InlineData(ErrorDialect.Vllm)]
    [InlineData(ErrorDialect.Ollama)]
    [InlineData(ErrorDialect.LlamaCpp)]
    public async Task RequiredApiKeyMissingOrWrongIs401(ErrorDialect dialect)
    {
        var options = new SimulatorOptions { ZeroLatency = true, ErrorDialect = dialect, RequiredApiKey = "k-right" };
        var (missing, _) = await PostAsync(options, "sim-echo", "hi");
        var (wrong, body) = await PostAsync(options, "sim-echo", "hi", "k-wrong");
        var (right, _) = await PostAsync(options, "sim-echo", "hi", "k-right");
        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal(HttpStatusCode.OK, right);
        Assert.True(body.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task OneRequestOverTheTokensPerMinuteLimitIs429RequestTooLarge()
    {
        var options = new SimulatorOptions { ZeroLatency = true, TokensPerMinute = 60 };
        var (status, body) = await PostAsync(options, "sim-echo", LongText);
        Assert.Equal((HttpStatusCode)429, status);
        Assert.StartsWith("Request too large for sim-echo", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var (fits, _) = await PostAsync(options, "sim-echo", "hi");
        Assert.Equal(HttpStatusCode.OK, fits);
    }
}
