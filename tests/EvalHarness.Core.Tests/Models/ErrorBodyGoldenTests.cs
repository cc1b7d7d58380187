using EvalHarness.Core.Models;

namespace EvalHarness.Core.Tests.Models;

/// <summary>
/// Error bodies in the shapes OpenAI, Azure, vLLM, Ollama and llama.cpp send (bodies written for these tests; only the
/// message formats follow the servers'), classified as the harness must treat them.
/// </summary>
public sealed class ErrorBodyGoldenTests
{
    public static TheoryData<string, int, string, ErrorKind, string?> Bodies => new()
    {
        // Context overflow: never retried.
        { "openai overflow", 400, """{"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens. Please reduce the length of the messages.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""", ErrorKind.ContextLength, "context_length_exceeded" },
        { "azure overflow", 400, """{"error":{"code":"context_length_exceeded","message":"This model's maximum context length is 8192 tokens. However, your messages resulted in 9001 tokens.","param":"messages","type":"invalid_request_error"}}""", ErrorKind.ContextLength, "context_length_exceeded" },
        { "llama.cpp overflow", 400, """{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error","n_prompt_tokens":5120,"n_ctx":4096}}""", ErrorKind.ContextLength, "exceed_context_size_error" },
        { "vllm overflow", 400, """{"error":{"message":"This model's maximum context length is 4096 tokens. However, your request has 5000 input tokens. Please reduce the length of the input messages.","type":"BadRequestError","param":null,"code":400}}""", ErrorKind.ContextLength, "BadRequestError" },
        { "vllm overflow (older, top level)", 400, """{"object":"error","message":"This model's maximum context length is 2048 tokens. However, you requested 2300 tokens (2000 in the messages, 300 in the completion). Please reduce the length of the messages or completion.","type":"BadRequestError","param":null,"code":400}""", ErrorKind.ContextLength, "BadRequestError" },
        { "vllm output budget too large", 400, """{"error":{"message":"'max_tokens' or 'max_completion_tokens' is too large: 1000. This model's maximum context length is 4096 tokens and your request has 3500 input tokens (1000 > 4096 - 3500).","type":"BadRequestError","param":null,"code":400}}""", ErrorKind.ContextLength, "BadRequestError" },
        { "ollama overflow", 400, """{"error":{"message":"the input length exceeds the context length","type":"invalid_request_error","param":null,"code":null}}""", ErrorKind.ContextLength, "invalid_request_error" },
        // 429s: a rate limit is retried; a request larger than the TPM limit and a quota problem are not.
        { "openai rate limit", 429, """{"error":{"message":"Rate limit reached for gpt-4.1 in organization org-x on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""", ErrorKind.RateLimited, "rate_limit_exceeded" },
        { "openai request too large", 429, """{"error":{"message":"Request too large for gpt-4.1 in organization org-x on tokens per min (TPM): Limit 30000, Requested 250000. The input or output tokens must be reduced in order to run successfully.","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""", ErrorKind.RequestTooLarge, "rate_limit_exceeded" },
        { "openai insufficient quota", 429, """{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""", ErrorKind.QuotaExceeded, "insufficient_quota" },
        { "azure rate limit (numeric code as text)", 429, """{"error":{"code":"429","message":"Requests to the chat completions operation have exceeded the token rate limit of your current tier. Please retry after 7 seconds."}}""", ErrorKind.RateLimited, "429" },
        // Model not found: stops the lane.
        { "openai model not found", 404, """{"error":{"message":"The model `gpt-9` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}""", ErrorKind.ModelNotFound, "model_not_found" },
        { "azure deployment not found", 404, """{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}""", ErrorKind.ModelNotFound, "DeploymentNotFound" },
        { "vllm model not found", 404, """{"error":{"message":"The model `qwen-x` does not exist.","type":"NotFoundError","param":null,"code":404}}""", ErrorKind.ModelNotFound, "NotFoundError" },
        { "ollama model not found", 404, """{"error":{"message":"model \"llama9\" not found, try pulling it first","type":"api_error","param":null,"code":null}}""", ErrorKind.ModelNotFound, "api_error" },
        { "llama.cpp model not found", 404, """{"error":{"code":404,"message":"model not found","type":"not_found_error"}}""", ErrorKind.ModelNotFound, "not_found_error" },
        // Authentication: stops the lane.
        { "openai bad key", 401, """{"error":{"message":"Incorrect API key provided: sk-abc***xyz.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""", ErrorKind.Authentication, "invalid_api_key" },
        { "azure bad key", 401, """{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint."}}""", ErrorKind.Authentication, "401" },
        { "vllm bad key", 401, """{"error":"Unauthorized"}""", ErrorKind.Authentication, null },
        { "llama.cpp bad key", 401, """{"error":{"code":401,"message":"Invalid API Key","type":"authentication_error"}}""", ErrorKind.Authentication, "authentication_error" },
        { "openai region", 403, """{"error":{"message":"Country, region, or territory not supported","type":"request_forbidden","param":null,"code":"unsupported_country_region_territory"}}""", ErrorKind.Authentication, "unsupported_country_region_territory" },
        // Transient server states are retried.
        { "llama.cpp loading", 503, """{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}""", ErrorKind.ServerError, "unavailable_error" },
        { "plain text body", 502, "Bad Gateway", ErrorKind.ServerError, null },
        { "other 400", 400, """{"error":{"message":"Invalid value for 'temperature'.","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}""", ErrorKind.BadRequest, "invalid_value" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void ClassifiesEachServersErrorBody(string server, int status, string body, ErrorKind kind, string? serverCode)
    {
        var error = ErrorClassifier.FromBody(status, body);
        Assert.True(kind == error.Kind, $"{server}: expected {kind}, got {error.Kind}");
        Assert.Equal(serverCode, error.ServerCode);
        Assert.Equal(status, error.HttpStatus);
        Assert.StartsWith($"HTTP {status}", error.Message, StringComparison.Ordinal);
        // The message is the server's text, not raw JSON.
        Assert.DoesNotContain("{\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NeverRetriesOverflowTooLargeQuotaAuthOrUnknownModel()
    {
        foreach (var kind in new[] { ErrorKind.ContextLength, ErrorKind.RequestTooLarge, ErrorKind.QuotaExceeded, ErrorKind.Authentication, ErrorKind.ModelNotFound })
        {
            Assert.False(kind.IsRetryable(), kind.ToString());
        }
        Assert.True(ErrorKind.Authentication.StopsLane());
        Assert.True(ErrorKind.ModelNotFound.StopsLane());
        Assert.True(ErrorKind.QuotaExceeded.StopsLane());
        Assert.False(ErrorKind.ContextLength.StopsLane());
        Assert.False(ErrorKind.RequestTooLarge.StopsLane());
        Assert.False(ErrorKind.RateLimited.StopsLane());
        Assert.Equal("model_not_found", ErrorKind.ModelNotFound.ToCsv());
        Assert.Equal("request_too_large", ErrorKind.RequestTooLarge.ToCsv());
    }
}
