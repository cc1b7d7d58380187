using System.Buffers;
using System.Text.Json;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Files;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Running.Batch;

/// <summary>One request of a batch: a sample of an eval for one model, with the limit and temperature it is sent with.</summary>
/// <param name="Tokens">Enqueued tokens as the server counts them: o200k prompt tokens (<see cref="ModelAdmission.PromptTokens"/>) + the output limit.</param>
internal sealed record BatchItem(IEvaluator Evaluator, EvalSample Sample, int MaxOutputTokens, double Temperature, long Tokens)
{
    public string CustomId => BatchLines.CustomId(Evaluator.Name, Sample.Id);

    /// <summary>The size of its input line (newline included), measured once: splitting and re-splitting never rebuild the line.</summary>
    public long LineBytes { get; init; }
}

/// <summary>The JSONL input of a batch (OpenAI's format, also vLLM's <c>run-batch</c>): one chat request per line.</summary>
internal static class BatchLines
{
    public const string Endpoint = "/v1/chat/completions";

    /// <summary><c>&lt;eval&gt;/&lt;sample_id&gt;</c>: one model per input file, so this names a request within its file and across re-submissions.</summary>
    public static string CustomId(string eval, string sampleId) => eval + "/" + sampleId;

    public static BatchItem Item(ModelSettings model, IEvaluator evaluator, EvalSample sample, bool explicitLimit)
    {
        var limit = OutputLimit.Resolve(model, explicitLimit, sample.MaxOutputTokens).Tokens;
        var messages = sample.Messages; // one read of a spilled prompt for both its tokens and its line size
        var item = new BatchItem(evaluator, sample, limit, sample.Temperature ?? model.Temperature, ModelAdmission.PromptTokens(messages) + (long)limit);
        return item with { LineBytes = Line(model, item, messages).LongLength };
    }

    /// <summary>
    /// One input line, newline included. The body is the streaming client's request without <c>stream</c> and
    /// <c>stream_options</c>: same model id, messages, <c>max_completion_tokens</c> (and <c>max_tokens</c> when the model
    /// asks for it), temperature.
    /// </summary>
    public static byte[] Line(ModelSettings model, BatchItem item) => Line(model, item, item.Sample.Messages);

    private static byte[] Line(ModelSettings model, BatchItem item, IReadOnlyList<ChatMessage> messages)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("custom_id", item.CustomId);
            w.WriteString("method", "POST");
            w.WriteString("url", Endpoint);
            w.WriteStartObject("body");
            w.WriteString("model", model.ApiModelId);
            w.WriteStartArray("messages");
            foreach (var m in messages)
            {
                w.WriteStartObject();
                w.WriteString("role", m.Role is "system" or "assistant" ? m.Role : "user");
                w.WriteString("content", m.Content);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("max_completion_tokens", item.MaxOutputTokens);
            if (model.SendLegacyMaxTokens) w.WriteNumber("max_tokens", item.MaxOutputTokens);
            w.WriteNumber("temperature", item.Temperature);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        var bytes = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(bytes);
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>A nameless (delete-on-close) temp file for one input file: a 200 MB batch input never sits in memory.</summary>
    public static FileStream TempFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"evalharness-batch-{Environment.ProcessId}-{Guid.NewGuid():N}.jsonl");
        try
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CannotWriteException(path, ex);
        }
    }

    /// <summary>Appends one line to <paramref name="file"/>; a full disk is one line naming the file.</summary>
    public static void Write(FileStream file, byte[] line)
    {
        try
        {
            file.Write(line);
        }
        catch (IOException ex)
        {
            throw new CannotWriteException(file.Name, ex);
        }
    }

    /// <summary>
    /// Splits requests (in the given order) into input files of at most <paramref name="maxLines"/> lines,
    /// <paramref name="maxBytes"/> bytes and <paramref name="maxTokens"/> enqueued tokens (null = no token bound). A
    /// request that alone exceeds a bound can never be accepted: it is returned in <c>Oversize</c>, not in a file.
    /// </summary>
    public static (List<List<BatchItem>> Files, List<(BatchItem Item, string Reason)> Oversize) Split(
        IEnumerable<BatchItem> items, Func<BatchItem, long> lineBytes, int maxLines, long maxBytes, long? maxTokens)
    {
        var files = new List<List<BatchItem>>();
        var oversize = new List<(BatchItem, string)>();
        var current = new List<BatchItem>();
        long bytes = 0, tokens = 0;
        foreach (var item in items)
        {
            var size = lineBytes(item);
            if (size > maxBytes)
            {
                oversize.Add((item, $"its batch input line is {size} bytes, over the file limit of {maxBytes} bytes (Batch:MaxFileBytes)"));
                continue;
            }
            if (maxTokens is { } limit && item.Tokens > limit)
            {
                oversize.Add((item, $"it would enqueue {item.Tokens} tokens (prompt + output limit), over the model's enqueued-token limit of {limit} (BatchEnqueuedTokens)"));
                continue;
            }
            if (current.Count > 0 && (current.Count + 1 > maxLines || bytes + size > maxBytes || (maxTokens is { } l && tokens + item.Tokens > l)))
            {
                files.Add(current);
                current = [];
                bytes = tokens = 0;
            }
            current.Add(item);
            bytes += size;
            tokens += item.Tokens;
        }
        if (current.Count > 0) files.Add(current);
        return (files, oversize);
    }
}
