using System.Text.Json;

namespace EvalHarness.Simulator.Chat;

/// <summary>Identity shared by every chunk of one completion, as OpenAI repeats it.</summary>
internal sealed record CompletionHeader(string Id, long Created, string Model);

/// <summary>The JSON bodies of chat completions and stream chunks, field for field like OpenAI's.</summary>
internal static class ChatCompletionJson
{
    private const string SystemFingerprint = "fp_simulator";

    public static void WriteCompletion(Utf8JsonWriter w, CompletionHeader header, Answer answer, int promptTokens, int cachedTokens)
    {
        w.WriteStartObject();
        WriteHeader(w, header, "chat.completion");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", answer.Text);
        w.WriteNull("refusal");
        w.WriteStartArray("annotations");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", answer.FinishReason);
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, promptTokens, cachedTokens, answer.CompletionTokens);
        w.WriteEndObject();
    }

    /// <summary>A chunk with one choice; role and content are written only when given (a delta carries changes).</summary>
    public static void WriteChunk(Utf8JsonWriter w, CompletionHeader header, bool includeUsage, string? role, string? content, string? finishReason) =>
        WriteOneChoiceChunk(w, header, includeUsage, finishReason, logprobs: true, delta =>
        {
            if (role is not null) delta.WriteString("role", role);
            if (content is not null) delta.WriteString("content", content);
            if (role is not null) delta.WriteNull("refusal");
        });

    /// <summary>A delta carrying reasoning text in the named field (<c>reasoning_content</c> or <c>reasoning</c>).</summary>
    public static void WriteReasoningChunk(Utf8JsonWriter w, CompletionHeader header, bool includeUsage, string field, string text) =>
        WriteOneChoiceChunk(w, header, includeUsage, finishReason: null, logprobs: false, delta => delta.WriteString(field, text));

    private static void WriteOneChoiceChunk(Utf8JsonWriter w, CompletionHeader header, bool includeUsage, string? finishReason, bool logprobs, Action<Utf8JsonWriter> delta)
    {
        w.WriteStartObject();
        WriteHeader(w, header, "chat.completion.chunk");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        delta(w);
        w.WriteEndObject();
        if (logprobs) w.WriteNull("logprobs");
        if (finishReason is null) w.WriteNull("finish_reason");
        else w.WriteString("finish_reason", finishReason);
        w.WriteEndObject();
        w.WriteEndArray();
        // With include_usage OpenAI puts "usage": null on every chunk but the last.
        if (includeUsage) w.WriteNull("usage");
        w.WriteEndObject();
    }

    /// <summary>Azure's chunk without choices: <c>prompt_filter_results</c> first, empty id and model.</summary>
    public static void WriteEmptyChoicesChunk(Utf8JsonWriter w, bool promptFilterResults)
    {
        w.WriteStartObject();
        w.WriteStartArray("choices");
        w.WriteEndArray();
        w.WriteNumber("created", 0);
        w.WriteString("id", "");
        w.WriteString("model", "");
        w.WriteString("object", "");
        if (promptFilterResults)
        {
            w.WriteStartArray("prompt_filter_results");
            w.WriteStartObject();
            w.WriteNumber("prompt_index", 0);
            w.WriteStartObject("content_filter_results");
            w.WriteStartObject("hate");
            w.WriteBoolean("filtered", false);
            w.WriteString("severity", "safe");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>The final chunk of a stream with include_usage: no choices, the usage.</summary>
    public static void WriteUsageChunk(Utf8JsonWriter w, CompletionHeader header, int promptTokens, int cachedTokens, int completionTokens, int? reasoningTokens = 0)
    {
        w.WriteStartObject();
        WriteHeader(w, header, "chat.completion.chunk");
        w.WriteStartArray("choices");
        w.WriteEndArray();
        WriteUsage(w, promptTokens, cachedTokens, completionTokens, reasoningTokens);
        w.WriteEndObject();
    }

    private static void WriteHeader(Utf8JsonWriter w, CompletionHeader header, string objectType)
    {
        w.WriteString("id", header.Id);
        w.WriteString("object", objectType);
        w.WriteNumber("created", header.Created);
        w.WriteString("model", header.Model);
        w.WriteString("service_tier", "default");
        w.WriteString("system_fingerprint", SystemFingerprint);
    }

    /// <summary>A null <paramref name="reasoningTokens"/> omits <c>completion_tokens_details</c> (as llama.cpp does).</summary>
    private static void WriteUsage(Utf8JsonWriter w, int promptTokens, int cachedTokens, int completionTokens, int? reasoningTokens = 0)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", promptTokens);
        w.WriteNumber("completion_tokens", completionTokens);
        w.WriteNumber("total_tokens", promptTokens + completionTokens);
        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("cached_tokens", cachedTokens);
        w.WriteNumber("audio_tokens", 0);
        w.WriteEndObject();
        if (reasoningTokens is { } reasoning)
        {
            w.WriteStartObject("completion_tokens_details");
            w.WriteNumber("reasoning_tokens", reasoning);
            w.WriteNumber("audio_tokens", 0);
            w.WriteNumber("accepted_prediction_tokens", 0);
            w.WriteNumber("rejected_prediction_tokens", 0);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
