using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Files;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Reporting;

/// <summary>
/// The prompts JSONL contract: <c>{"id","eval","messages","truth","labels"}</c> per line, plus the harness's own
/// <c>group</c>, <c>cluster</c> and <c>max_output_tokens</c> so that a file can be scored back without regenerating.
/// </summary>
public static class PromptsJsonl
{
    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToLine(EvalSample sample)
    {
        var messages = new JsonArray();
        foreach (var m in sample.Messages) messages.Add(new JsonObject { ["role"] = m.Role, ["content"] = m.Content });
        var obj = new JsonObject
        {
            ["id"] = sample.Id,
            ["eval"] = sample.Eval,
            ["messages"] = messages,
            ["truth"] = sample.Truth.DeepClone(),
            ["labels"] = sample.Labels.DeepClone(),
            ["group"] = sample.Group,
        };
        if (sample.Cluster is not null) obj["cluster"] = sample.Cluster;
        if (sample.MaxOutputTokens is not null) obj["max_output_tokens"] = sample.MaxOutputTokens;
        return obj.ToJsonString(Compact);
    }

    /// <summary>
    /// sha256 over the lines of all samples, recorded in the manifest to prove prompts are identical across runs. The
    /// bytes are those of <see cref="ToLine"/>, written straight into the hash: a sample's line is never built as a string.
    /// </summary>
    public static string Hash(IEnumerable<EvalSample> samples)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var sink = new HashingStream(sha);
        var options = new JsonWriterOptions { Encoder = Compact.Encoder, Indented = false, SkipValidation = true };
        foreach (var s in samples)
        {
            using (var writer = new Utf8JsonWriter(sink, options)) WriteLine(writer, s);
            sha.AppendData("\n"u8);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The object of <see cref="ToLine"/>, field for field.</summary>
    private static void WriteLine(Utf8JsonWriter writer, EvalSample sample)
    {
        writer.WriteStartObject();
        writer.WriteString("id", sample.Id);
        writer.WriteString("eval", sample.Eval);
        writer.WriteStartArray("messages");
        foreach (var m in sample.Messages)
        {
            writer.WriteStartObject();
            writer.WriteString("role", m.Role);
            writer.WriteString("content", m.Content);
            writer.WriteEndObject();
            writer.Flush(); // one message's bytes at a time
        }
        writer.WriteEndArray();
        writer.WritePropertyName("truth");
        sample.Truth.WriteTo(writer, Compact);
        writer.WritePropertyName("labels");
        sample.Labels.WriteTo(writer, Compact);
        writer.WriteString("group", sample.Group);
        if (sample.Cluster is not null) writer.WriteString("cluster", sample.Cluster);
        if (sample.MaxOutputTokens is { } max) writer.WriteNumber("max_output_tokens", max);
        writer.WriteEndObject();
    }

    /// <summary>A write-only stream feeding a hash.</summary>
    private sealed class HashingStream(IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => hash.AppendData(buffer);
    }

    public static IReadOnlyList<EvalSample> Read(string path, string? expectedEval)
    {
        var samples = new List<EvalSample>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (obj, lineNo) in JsonLines.ReadObjects(path))
        {
            string Field(string name) => obj[name] is JsonValue v && v.TryGetValue<string>(out var s)
                ? s
                : throw new EvalInputException($"{path}:{lineNo}: field '{name}' is missing or not a string");
            string? Optional(string name) => obj[name] is null ? null : Field(name);
            var id = Field("id");
            if (!lines.TryAdd(id, lineNo)) throw new EvalInputException($"{path}:{lineNo}: duplicate sample id '{id}' (first at line {lines[id]})");
            var eval = Field("eval");
            if (expectedEval is not null && !string.Equals(eval, expectedEval, StringComparison.Ordinal))
                throw new EvalInputException($"{path}:{lineNo}: field 'eval' is '{eval}', expected '{expectedEval}'");
            if (obj["messages"] is not JsonArray array || array.Count == 0)
                throw new EvalInputException($"{path}:{lineNo}: field 'messages' is missing or empty");
            var messages = new List<ChatMessage>();
            foreach (var m in array)
            {
                if (m is not JsonObject mo || mo["role"] is not JsonValue r || !r.TryGetValue<string>(out var role)
                    || mo["content"] is not JsonValue c || !c.TryGetValue<string>(out var content))
                    throw new EvalInputException($"{path}:{lineNo}: field 'messages' holds an entry without role/content");
                messages.Add(new ChatMessage(role, content));
            }
            samples.Add(new EvalSample
            {
                Id = id,
                Eval = eval,
                Messages = messages,
                Truth = obj["truth"] as JsonObject is { } t ? (JsonObject)t.DeepClone() : new JsonObject(),
                Labels = obj["labels"] as JsonObject is { } l ? (JsonObject)l.DeepClone() : new JsonObject(),
                Group = Optional("group") ?? "all-samples",
                Cluster = Optional("cluster"),
                MaxOutputTokens = obj["max_output_tokens"] switch
                {
                    null => null,
                    JsonValue v when v.TryGetValue<int>(out var n) && n >= 1 => n,
                    _ => throw new EvalInputException($"{path}:{lineNo}: field 'max_output_tokens' is not a positive integer"),
                },
            });
        }
        return samples;
    }
}
