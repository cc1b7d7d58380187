using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace EvalHarness.Simulator.Chat;

/// <summary>
/// The error bodies of the servers the harness meets, for the errors whose shape differs between them: context
/// overflow, unknown model, missing or wrong API key. Messages follow each server's format; the wording is ours.
/// </summary>
internal static class DialectErrors
{
    public static Task ContextOverflowAsync(HttpContext context, ErrorDialect dialect, int window, int promptTokens, CancellationToken ct)
    {
        var openAi = ContextOverflowMessage(window, promptTokens);
        return dialect switch
        {
            ErrorDialect.Azure => WriteAsync(context, 400, w => Fields(w, code: "context_length_exceeded", message: openAi, param: "messages", type: "invalid_request_error"), ct),
            ErrorDialect.Vllm => WriteAsync(context, 400, w => Fields(w, message: string.Create(CultureInfo.InvariantCulture, $"This model's maximum context length is {window} tokens. However, your request has {promptTokens} input tokens. Please reduce the length of the input messages."), type: "BadRequestError", param: null, numericCode: 400), ct),
            ErrorDialect.Ollama => WriteAsync(context, 400, w => Fields(w, message: "the input length exceeds the context length", type: "invalid_request_error", param: null, nullCode: true), ct),
            ErrorDialect.LlamaCpp => WriteAsync(context, 400, w =>
            {
                Fields(w, numericCode: 400, message: "the request exceeds the available context size, try increasing it", type: "exceed_context_size_error");
                w.WriteNumber("n_prompt_tokens", promptTokens);
                w.WriteNumber("n_ctx", window);
            }, ct),
            _ => OpenAiError.InvalidRequestAsync(context, openAi, "messages", "context_length_exceeded", ct),
        };
    }

    /// <summary>OpenAI's message for a prompt over the context window (also a batch line's error).</summary>
    public static string ContextOverflowMessage(int window, int promptTokens) =>
        string.Create(CultureInfo.InvariantCulture, $"This model's maximum context length is {window} tokens. However, your messages resulted in {promptTokens} tokens. Please reduce the length of the messages.");

    /// <summary>OpenAI's message for an unknown model (also a batch line's error).</summary>
    public static string ModelNotFoundMessage(string model) => $"The model `{model}` does not exist or you do not have access to it.";

    public static Task ModelNotFoundAsync(HttpContext context, ErrorDialect dialect, string model, CancellationToken ct) => dialect switch
    {
        ErrorDialect.Azure => WriteAsync(context, 404, w => Fields(w, code: "DeploymentNotFound", message: "The API deployment for this resource does not exist."), ct),
        ErrorDialect.Vllm => WriteAsync(context, 404, w => Fields(w, message: $"The model `{model}` does not exist.", type: "NotFoundError", param: null, numericCode: 404), ct),
        ErrorDialect.Ollama => WriteAsync(context, 404, w => Fields(w, message: $"model \"{model}\" not found, try pulling it first", type: "api_error", param: null, nullCode: true), ct),
        ErrorDialect.LlamaCpp => WriteAsync(context, 404, w => Fields(w, numericCode: 404, message: "model not found", type: "not_found_error"), ct),
        _ => OpenAiError.WriteAsync(context, StatusCodes.Status404NotFound, ModelNotFoundMessage(model), "invalid_request_error", null, "model_not_found", ct),
    };

    public static Task UnauthorizedAsync(HttpContext context, ErrorDialect dialect, CancellationToken ct) => dialect switch
    {
        ErrorDialect.Azure => WriteAsync(context, 401, w => Fields(w, code: "401", message: "Access denied due to invalid subscription key or wrong API endpoint."), ct),
        ErrorDialect.Vllm => WriteStringErrorAsync(context, 401, "Unauthorized", ct),
        ErrorDialect.Ollama => WriteAsync(context, 401, w => Fields(w, message: "unauthorized", type: "api_error", param: null, nullCode: true), ct),
        ErrorDialect.LlamaCpp => WriteAsync(context, 401, w => Fields(w, numericCode: 401, message: "Invalid API Key", type: "authentication_error"), ct),
        _ => OpenAiError.WriteAsync(context, StatusCodes.Status401Unauthorized, "Incorrect API key provided. You can find your API key in your account settings.", "invalid_request_error", null, "invalid_api_key", ct),
    };

    /// <summary>OpenAI's 429 for one request above the tokens-per-minute limit; retrying never helps.</summary>
    public static Task RequestTooLargeAsync(HttpContext context, string model, int limit, int requested, CancellationToken ct)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"Request too large for {model} in organization org-simulator on tokens per min (TPM): Limit {limit}, Requested {requested}. The input or output tokens must be reduced in order to run successfully.");
        return OpenAiError.WriteAsync(context, StatusCodes.Status429TooManyRequests, message, "tokens", null, "rate_limit_exceeded", ct);
    }

    private static void Fields(Utf8JsonWriter w, string? code = null, int? numericCode = null, bool nullCode = false, string? message = null, string? type = null, string? param = "")
    {
        if (code is not null) w.WriteString("code", code);
        if (numericCode is { } n) w.WriteNumber("code", n);
        if (message is not null) w.WriteString("message", message);
        if (type is not null) w.WriteString("type", type);
        // "" = leave the field out; null = write it as JSON null, as vLLM and Ollama do.
        if (param is null) w.WriteNull("param");
        else if (param.Length > 0) w.WriteString("param", param);
        if (nullCode) w.WriteNull("code");
    }

    private static Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> fields, CancellationToken ct) =>
        OpenAiError.WriteErrorAsync(context, status, fields, ct);

    private static Task WriteStringErrorAsync(HttpContext context, int status, string message, CancellationToken ct) =>
        OpenAiError.WriteJsonAsync(context, status, w => w.WriteString("error", message), ct);
}
