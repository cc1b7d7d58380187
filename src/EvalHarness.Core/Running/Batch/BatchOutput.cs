using System.Text;
using System.Text.Json;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Running.Batch;

/// <summary>What became of one request of a batch, read from its output and error files.</summary>
internal abstract record BatchOutcome(string CustomId)
{
    /// <summary>A 200 line: the answer, with usage, finish reason and the model that served it.</summary>
    public sealed record Answer(string CustomId, string Text, TokenUsage? Usage, string? FinishReason, string? ServedModel, string? Reasoning) : BatchOutcome(CustomId);

    /// <summary>A non-200 line, or an error object other than "not executed": classified like a streaming failure.</summary>
    public sealed record Failure(string CustomId, ModelCallException Error) : BatchOutcome(CustomId);

    /// <summary>Not executed: the batch expired or was cancelled first (<c>batch_expired</c>, <c>batch_cancelled</c>).</summary>
    public sealed record NotExecuted(string CustomId, string Code) : BatchOutcome(CustomId);
}

/// <summary>Reads output and error files (JSONL) into outcomes by custom_id.</summary>
internal static class BatchOutput
{
    private static readonly HashSet<string> NotExecutedCodes = new(StringComparer.Ordinal) { "batch_expired", "batch_cancelled" };

    /// <summary>
    /// Reads the lines of both files (output, then error) as they stream, one line in memory at a time. Each answer goes
    /// to <paramref name="onAnswer"/> as it is read (the first for a custom_id; the caller journals it), so a large output
    /// file is never held; what is returned are the other outcomes by custom_id, minus those answered (an answer wins over
    /// an error line for the same request). Lines without a custom_id are skipped (they cannot be joined to a sample).
    /// </summary>
    public static async Task<Dictionary<string, BatchOutcome>> ReadAsync(IReadOnlyList<Stream> files, Func<BatchOutcome.Answer, Task> onAnswer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(onAnswer);
        var others = new Dictionary<string, BatchOutcome>(StringComparer.Ordinal);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            using var reader = new StreamReader(file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                switch (ParseLine(line))
                {
                    case null:
                        break;
                    case BatchOutcome.Answer a:
                        if (answered.Add(a.CustomId)) await onAnswer(a).ConfigureAwait(false);
                        break;
                    case var other:
                        others[other.CustomId] = other;
                        break;
                }
            }
        }
        foreach (var id in answered) others.Remove(id);
        return others;
    }

    public static BatchOutcome? ParseLine(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (BatchStatus.Text(root, "custom_id") is not { Length: > 0 } id) return null;
        if (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object)
        {
            var status = response.TryGetProperty("status_code", out var s) && s.TryGetInt32(out var code) ? code : 0;
            var body = response.TryGetProperty("body", out var b) ? b : default;
            if (status == 200 && body.ValueKind == JsonValueKind.Object) return Answer(id, body);
            var text = body.ValueKind == JsonValueKind.Undefined ? null : body.ValueKind == JsonValueKind.String ? body.GetString() : body.GetRawText();
            return new BatchOutcome.Failure(id, ErrorClassifier.FromBody(status, text));
        }
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = BatchStatus.Text(error, "code") ?? "";
            if (NotExecutedCodes.Contains(code)) return new BatchOutcome.NotExecuted(id, code);
            var message = BatchStatus.Text(error, "message") ?? code;
            return new BatchOutcome.Failure(id, new ModelCallException(ErrorKind.BadRequest, $"batch line error {code}: {OpenAIChatModelClient.OneLine(message)}") { ServerCode = code });
        }
        return null;
    }

    private static BatchOutcome Answer(string id, JsonElement body)
    {
        string text = "", reasoning = "";
        string? finish = null;
        if (body.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            var choice = choices[0];
            finish = BatchStatus.Text(choice, "finish_reason");
            if (choice.TryGetProperty("message", out var message))
            {
                text = BatchStatus.Text(message, "content") ?? "";
                reasoning = BatchStatus.Text(message, "reasoning_content") ?? BatchStatus.Text(message, "reasoning") ?? "";
            }
        }
        TokenUsage? usage = null;
        if (body.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object)
        {
            usage = new TokenUsage(
                Int(u, "prompt_tokens"),
                u.TryGetProperty("prompt_tokens_details", out var pd) ? Int(pd, "cached_tokens") : null,
                Int(u, "completion_tokens"),
                u.TryGetProperty("completion_tokens_details", out var cd) ? Int(cd, "reasoning_tokens") : null);
        }
        return new BatchOutcome.Answer(id, text, usage, finish, BatchStatus.Text(body, "model"), reasoning.Length == 0 ? null : reasoning);
    }

    private static int? Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;
}
