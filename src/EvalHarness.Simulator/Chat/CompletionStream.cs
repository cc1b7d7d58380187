using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace EvalHarness.Simulator.Chat;

/// <summary>Server-sent events (<c>data: {json}\n\n</c>) of one completion, written straight into the response pipe.</summary>
internal sealed class CompletionStream(PipeWriter pipe, CompletionHeader header, bool includeUsage)
{
    private readonly Utf8JsonWriter _json = new(pipe);

    public bool IncludeUsage => includeUsage;

    public void WriteChunk(string? role, string? content, string? finishReason)
    {
        BeginEvent();
        ChatCompletionJson.WriteChunk(_json, header, includeUsage, role, content, finishReason);
        EndEvent();
    }

    public void WriteUsageChunk(int promptTokens, int cachedTokens, int completionTokens, int? reasoningTokens = 0)
    {
        BeginEvent();
        ChatCompletionJson.WriteUsageChunk(_json, header, promptTokens, cachedTokens, completionTokens, reasoningTokens);
        EndEvent();
    }

    public void WriteReasoningChunk(string field, string text)
    {
        BeginEvent();
        ChatCompletionJson.WriteReasoningChunk(_json, header, includeUsage, field, text);
        EndEvent();
    }

    public void WriteEmptyChoicesChunk(bool promptFilterResults)
    {
        BeginEvent();
        ChatCompletionJson.WriteEmptyChoicesChunk(_json, promptFilterResults);
        EndEvent();
    }

    /// <summary>A named SSE event whose data is not JSON (e.g. a keep-alive some proxies insert).</summary>
    public void WriteUnknownEvent(string name)
    {
        pipe.Write(System.Text.Encoding.UTF8.GetBytes("event: " + name + "\ndata: keep-alive\n\n"));
    }

    public void WriteDone() => pipe.Write("data: [DONE]\n\n"u8);

    public ValueTask<FlushResult> FlushAsync(CancellationToken ct) => pipe.FlushAsync(ct);

    /// <summary>The non-streaming body, serialized whole so it can be sent with a Content-Length (or cut in half).</summary>
    public byte[] SerializeCompletion(Answer answer, int promptTokens, int cachedTokens)
    {
        var buffer = new ArrayBufferWriter<byte>(512 + answer.Text.Length * 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ChatCompletionJson.WriteCompletion(writer, header, answer, promptTokens, cachedTokens);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void BeginEvent()
    {
        pipe.Write("data: "u8);
        _json.Reset(pipe);
    }

    private void EndEvent()
    {
        _json.Flush();
        pipe.Write("\n\n"u8);
    }
}
