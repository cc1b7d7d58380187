using System.Text.Json;

namespace EvalHarness.Core.Running.Batch;

/// <summary>
/// What the harness reads of a batch object (<c>GET /v1/batches/{id}</c>). File ids sent as <c>null</c> or <c>""</c>
/// are both absent. Times are unix seconds as the server sent them (null when not reached).
/// </summary>
internal sealed record BatchStatus
{
    public required string Id { get; init; }

    public required string Status { get; init; }

    public string? OutputFileId { get; init; }

    public string? ErrorFileId { get; init; }

    public int Total { get; init; }

    public int Completed { get; init; }

    public int Failed { get; init; }

    /// <summary>The first of <c>errors.data</c> (a validation failure such as <c>token_limit_exceeded</c>); null when none.</summary>
    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public long? CreatedAt { get; init; }

    /// <summary>When it reached its terminal state: completed_at, failed_at, expired_at or cancelled_at.</summary>
    public long? EndedAt { get; init; }

    public string? InputFileId { get; init; }

    public static readonly IReadOnlySet<string> TerminalStatuses = new HashSet<string>(StringComparer.Ordinal) { "completed", "failed", "expired", "cancelled", BatchImport.Lost };

    public bool IsTerminal => TerminalStatuses.Contains(Status);

    public static BatchStatus Parse(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        return From(doc.RootElement);
    }

    public static BatchStatus From(JsonElement root)
    {
        string? errorCode = null, errorMessage = null;
        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            && errors.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0)
        {
            errorCode = Text(data[0], "code");
            errorMessage = Text(data[0], "message");
        }
        var counts = root.TryGetProperty("request_counts", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        return new BatchStatus
        {
            Id = Text(root, "id") ?? throw new JsonException("batch object without an id"),
            Status = Text(root, "status") ?? throw new JsonException("batch object without a status"),
            OutputFileId = FileId(root, "output_file_id"),
            ErrorFileId = FileId(root, "error_file_id"),
            InputFileId = FileId(root, "input_file_id"),
            Total = Int(counts, "total"),
            Completed = Int(counts, "completed"),
            Failed = Int(counts, "failed"),
            ErrorCode = errorCode,
            ErrorMessage = errorMessage,
            CreatedAt = Long(root, "created_at"),
            EndedAt = Long(root, "completed_at") ?? Long(root, "failed_at") ?? Long(root, "expired_at") ?? Long(root, "cancelled_at"),
        };
    }

    /// <summary>A file id, or null when absent, null or empty (servers send both for "no file").</summary>
    private static string? FileId(JsonElement e, string name) => Text(e, name) is { Length: > 0 } id ? id : null;

    internal static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;

    private static long? Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
}
