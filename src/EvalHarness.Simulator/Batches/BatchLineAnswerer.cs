using System.Globalization;
using System.Text.Json;
using EvalHarness.Simulator.Chat;
using EvalHarness.Simulator.Models;
using EvalHarness.Simulator.Solvers;

namespace EvalHarness.Simulator.Batches;

/// <summary>What one executed batch line got: a status code and the body the endpoint would have sent.</summary>
internal readonly record struct LineResponse(int StatusCode, Action<Utf8JsonWriter> WriteBody);

/// <summary>
/// Answers a batch line's chat request as <c>POST /v1/chat/completions</c> answers it without streaming: the same
/// parsing, model families, context check, answerer and JSON, so the same request gets the same answer and usage.
/// Errors are OpenAI's bodies (a batch is an OpenAI API; <see cref="SimulatorOptions.ErrorDialect"/> does not apply).
/// Latency, injected faults, rate limits and the prompt cache belong to the online endpoint and are left out.
/// </summary>
internal sealed class BatchLineAnswerer(SimulatorOptions options, SolverRegistry solvers, SimulatorCounters counters)
{
    private readonly Answerer _answerer = new(solvers, options);

    public LineResponse Answer(JsonElement body, string completionId)
    {
        ChatRequest request;
        try
        {
            request = ChatRequest.Parse(body);
        }
        catch (InvalidRequestException ex)
        {
            return Error(400, ex.Message, "invalid_request_error", ex.Param, null);
        }

        if (!SimulatedModel.TryParse(request.Model, out var model))
        {
            return Error(404, DialectErrors.ModelNotFoundMessage(request.Model), "invalid_request_error", null, "model_not_found");
        }

        var profile = options.Resolve(model.Id);
        var prompt = Prompt.Measure(request.Messages);
        if (prompt.PromptTokens > profile.ContextWindowTokens)
        {
            return Error(400, DialectErrors.ContextOverflowMessage(profile.ContextWindowTokens, prompt.PromptTokens), "invalid_request_error", "messages", "context_length_exceeded");
        }

        counters.OnLimits(request.Model, request.LimitsSent.MaxCompletionTokens, request.LimitsSent.MaxTokens);
        var answer = _answerer.Answer(model, prompt, request.MaxCompletionTokens);
        var header = new CompletionHeader(completionId, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), request.Model);
        return new LineResponse(200, w => ChatCompletionJson.WriteCompletion(w, header, answer, prompt.PromptTokens, 0));
    }

    /// <summary>The error of an injected line failure (<see cref="BatchOptions.FailEveryNthLine"/>).</summary>
    public static LineResponse ServerError() =>
        Error(500, "The server had an error while processing your request. Sorry about that!", "server_error", null, null);

    /// <summary>
    /// What the line holds against the enqueued-token limit: o200k prompt tokens as usage counts them, plus
    /// <c>max_completion_tokens</c> (or <c>max_tokens</c>). A body the endpoint would refuse holds nothing.
    /// </summary>
    public static long EnqueuedTokens(JsonElement body)
    {
        try
        {
            var request = ChatRequest.Parse(body);
            return Prompt.Measure(request.Messages).PromptTokens + (long)(request.MaxCompletionTokens ?? 0);
        }
        catch (InvalidRequestException)
        {
            return 0;
        }
    }

    public static string CompletionId(ulong seed, string batchId, int lineNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"chatcmpl-sim{Internal.SplitMix64.Mix(seed ^ Internal.SplitMix64.HashString(batchId) ^ (ulong)lineNumber):x16}");

    private static LineResponse Error(int status, string message, string type, string? param, string? code) =>
        new(status, w => OpenAiError.WriteBody(w, message, type, param, code));
}
