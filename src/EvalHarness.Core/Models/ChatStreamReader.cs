using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace EvalHarness.Core.Models;

/// <summary>What one chat-completions stream said, with the times (ms on the request's clock) things first arrived.</summary>
internal sealed class ChatStreamContent
{
    public string Text { get; init; } = "";

    /// <summary>Reasoning text streamed in <c>delta.reasoning_content</c> or <c>delta.reasoning</c>; null when none.</summary>
    public string? Reasoning { get; init; }

    public string? FinishReason { get; init; }

    public TokenUsage? Usage { get; init; }

    public string? ServedModel { get; init; }

    public double? FirstContentMs { get; init; }

    public double? FirstReasoningMs { get; init; }

    /// <summary>The last chunk carrying content or reasoning text.</summary>
    public double? LastTokenMs { get; init; }

    public bool SawDone { get; init; }
}

/// <summary>
/// Reads an OpenAI chat-completions SSE stream straight from the response body, tolerant of what real servers send:
/// reasoning deltas (llama.cpp, vLLM, Ollama), chunks with <c>choices: []</c> (Azure's <c>prompt_filter_results</c>,
/// the final usage chunk), named events of other kinds and keep-alive data (skipped). The OpenAI SDK 2.15.0 throws on
/// a named event whose data is not JSON, hence this reader. A stream that ends without a finish reason, usage or
/// <c>[DONE]</c> was cut: it throws <see cref="ErrorKind.Truncated"/> rather than returning a partial answer.
/// </summary>
internal static class ChatStreamReader
{
    public static async Task<ChatStreamContent> ReadAsync(Stream body, Stopwatch clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(clock);
        var text = new StringBuilder();
        StringBuilder? reasoning = null;
        string? finish = null, served = null;
        TokenUsage? usage = null;
        double? firstContent = null, firstReasoning = null, lastToken = null;
        var done = false;
        var parser = SseParser.Create(body, static (type, data) => data.ToArray());
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            // Only unnamed ("message") events carry chunks; anything else (pings, vendor events) is not ours.
            if (!string.Equals(item.EventType, SseParser.EventTypeDefault, StringComparison.Ordinal)) continue;
            var data = item.Data.AsSpan().Trim(" \t\r\n"u8);
            if (data.SequenceEqual("[DONE]"u8))
            {
                done = true;
                break;
            }
            if (data.IsEmpty || data[0] != (byte)'{') continue; // keep-alive text, not a chunk

            using var json = JsonDocument.Parse(item.Data);
            var root = json.RootElement;
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : error.GetRawText();
                throw new ModelCallException(ErrorKind.ServerError, "error inside the stream: " + OpenAIChatModelClient.OneLine(message ?? ""));
            }
            if (served is null && String(root, "model") is { Length: > 0 } model) served = model;
            if (root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object) usage = ReadUsage(u);
            if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array) continue;
            foreach (var choice in choices.EnumerateArray())
            {
                if (choice.ValueKind != JsonValueKind.Object) continue;
                if (choice.TryGetProperty("index", out var index) && index.ValueKind == JsonValueKind.Number && index.GetInt32() != 0) continue;
                if (choice.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object)
                {
                    var thought = String(delta, "reasoning_content") ?? String(delta, "reasoning");
                    if (!string.IsNullOrEmpty(thought))
                    {
                        lastToken = clock.Elapsed.TotalMilliseconds;
                        firstReasoning ??= lastToken;
                        (reasoning ??= new StringBuilder()).Append(thought);
                    }
                    if (String(delta, "content") is { Length: > 0 } content)
                    {
                        // TTFT stops on the first non-empty content, never on the role-only first chunk.
                        lastToken = clock.Elapsed.TotalMilliseconds;
                        firstContent ??= lastToken;
                        text.Append(content);
                    }
                }
                if (String(choice, "finish_reason") is { Length: > 0 } reason) finish = reason;
            }
        }

        if (!done && finish is null && usage is null)
        {
            throw new ModelCallException(ErrorKind.Truncated,
                $"stream ended early without finish_reason, usage or [DONE] after {text.Length} content characters");
        }
        return new ChatStreamContent
        {
            Text = text.ToString(),
            Reasoning = reasoning?.ToString(),
            FinishReason = finish,
            Usage = usage,
            ServedModel = served,
            FirstContentMs = firstContent,
            FirstReasoningMs = firstReasoning,
            LastTokenMs = lastToken,
            SawDone = done,
        };
    }

    private static TokenUsage ReadUsage(JsonElement u)
    {
        int? cached = null, reasoning = null;
        if (u.TryGetProperty("prompt_tokens_details", out var p) && p.ValueKind == JsonValueKind.Object) cached = Int(p, "cached_tokens");
        if (u.TryGetProperty("completion_tokens_details", out var c) && c.ValueKind == JsonValueKind.Object) reasoning = Int(c, "reasoning_tokens");
        return new TokenUsage(Int(u, "prompt_tokens"), cached, Int(u, "completion_tokens"), reasoning);
    }

    private static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;
}
