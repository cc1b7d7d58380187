using System.Globalization;
using System.Text.Json;

namespace EvalHarness.Simulator.Batches;

/// <summary>One request line of an input file: where its bytes are, and its custom_id.</summary>
internal readonly record struct BatchLine(int Number, int Offset, int Length, string CustomId);

/// <summary>An input file checked as OpenAI validates it: sizes, JSON lines, unique custom_ids, one endpoint and model.</summary>
internal sealed class BatchInput
{
    private const int MaxErrors = 100;

    private BatchInput(ReadOnlyMemory<byte> content, List<BatchLine> lines, string? model, List<BatchError> errors)
    {
        Content = content;
        Lines = lines;
        Model = model;
        Errors = errors;
    }

    public ReadOnlyMemory<byte> Content { get; }

    public IReadOnlyList<BatchLine> Lines { get; }

    /// <summary>The one <c>body.model</c> of every line.</summary>
    public string? Model { get; }

    /// <summary>Empty when the file is valid.</summary>
    public IReadOnlyList<BatchError> Errors { get; }

    public ReadOnlyMemory<byte> LineBytes(BatchLine line) => Content.Slice(line.Offset, line.Length);

    public static BatchInput Validate(ReadOnlyMemory<byte> content, string endpoint, BatchOptions options)
    {
        var lines = new List<BatchLine>();
        var errors = new List<BatchError>();
        if (content.Length > options.MaxFileBytes)
        {
            errors.Add(new BatchError("file_too_large", string.Create(CultureInfo.InvariantCulture, $"The input file is {content.Length} bytes; a batch input file may have at most {options.MaxFileBytes} bytes.")));
            return new BatchInput(content, lines, null, errors);
        }

        var customIds = new HashSet<string>(StringComparer.Ordinal);
        string? model = null;
        var span = content.Span;
        var offset = 0;
        var number = 0;
        while (offset < span.Length && errors.Count < MaxErrors)
        {
            var end = span[offset..].IndexOf((byte)'\n');
            var length = end < 0 ? span.Length - offset : end;
            number++;
            var lineLength = length > 0 && span[offset + length - 1] == (byte)'\r' ? length - 1 : length;
            if (!span.Slice(offset, lineLength).Trim(" \t"u8).IsEmpty)
            {
                var line = CheckLine(content.Slice(offset, lineLength), number, endpoint, errors);
                if (line is { } ok)
                {
                    if (!customIds.Add(ok.CustomId))
                    {
                        errors.Add(new BatchError("duplicate_custom_id", $"The custom_id for this request is a duplicate of another request. The custom_id parameter must be unique for each request in a batch.", "custom_id", number));
                    }
                    else if (model is null)
                    {
                        model = ok.Model;
                    }
                    else if (!string.Equals(model, ok.Model, StringComparison.Ordinal))
                    {
                        errors.Add(new BatchError("mismatched_model", $"The model of this request ('{ok.Model}') differs from the model of the file's first request ('{model}'); a batch input file must use one model.", "body.model", number));
                    }

                    lines.Add(new BatchLine(number, offset, lineLength, ok.CustomId));
                }
            }

            offset += length + 1;
        }

        if (errors.Count == 0 && lines.Count == 0) errors.Add(new BatchError("empty_file", "The batch input file is empty."));
        if (lines.Count > options.MaxLinesPerFile)
        {
            errors.Insert(0, new BatchError("too_many_requests", string.Create(CultureInfo.InvariantCulture, $"The input file has {lines.Count} requests; a batch may have at most {options.MaxLinesPerFile}.")));
        }

        return new BatchInput(content, lines, model, errors);
    }

    private static (string CustomId, string Model)? CheckLine(ReadOnlyMemory<byte> bytes, int number, string endpoint, List<BatchError> errors)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Fail("invalid_json_line", "This line is not a JSON object.", null);
            if (!root.TryGetProperty("custom_id", out var customId) || customId.ValueKind != JsonValueKind.String || customId.GetString() is not { Length: > 0 } id)
            {
                return Fail("missing_required_parameter", "Missing required parameter: 'custom_id'.", "custom_id");
            }

            if (!root.TryGetProperty("method", out var method) || !method.ValueEquals("POST"))
            {
                return Fail("invalid_method", "The method of every request must be 'POST'.", "method");
            }

            if (!root.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String || !url.ValueEquals(endpoint))
            {
                return Fail("invalid_url", $"The url of this request does not match the batch's endpoint '{endpoint}'.", "url");
            }

            if (!root.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object)
            {
                return Fail("missing_required_parameter", "Missing required parameter: 'body'.", "body");
            }

            if (!body.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || model.GetString() is not { Length: > 0 } modelId)
            {
                return Fail("missing_required_parameter", "Missing required parameter: 'body.model'.", "body.model");
            }

            return (id, modelId);
        }
        catch (JsonException)
        {
            return Fail("invalid_json_line", "This line is not parseable as valid JSON.", null);
        }

        (string, string)? Fail(string code, string message, string? param)
        {
            errors.Add(new BatchError(code, message, param, number));
            return null;
        }
    }
}
