using System.Text.Json;

namespace EvalHarness.Simulator.Batches;

/// <summary>One validation error of a batch: OpenAI's <c>errors.data[]</c> entry.</summary>
internal sealed record BatchError(string Code, string Message, string? Param = null, int? Line = null);

/// <summary>
/// The state of one batch. Mutable; every read and write of the fields happens under <see cref="Gate"/>, so a
/// retrieve never sees a half-made transition (e.g. <c>completed</c> without its output file id).
/// </summary>
internal sealed class SimBatch(string id, string inputFileId, string endpoint, string completionWindow, JsonElement? metadata, long createdAt)
{
    public const long WindowSeconds = 24 * 60 * 60;

    public object Gate { get; } = new();

    public CancellationTokenSource Cancel { get; } = new();

    public string Id { get; } = id;

    public string InputFileId { get; } = inputFileId;

    public string Endpoint { get; } = endpoint;

    public string CompletionWindow { get; } = completionWindow;

    /// <summary>The client's metadata object as sent (null when absent or JSON null).</summary>
    public JsonElement? Metadata { get; } = metadata;

    public string Status { get; set; } = "validating";

    public IReadOnlyList<BatchError>? Errors { get; set; }

    public string? OutputFileId { get; set; }

    public string? ErrorFileId { get; set; }

    public long CreatedAt { get; } = createdAt;

    public long ExpiresAt => CreatedAt + WindowSeconds;

    public long? InProgressAt { get; set; }

    public long? FinalizingAt { get; set; }

    public long? CompletedAt { get; set; }

    public long? FailedAt { get; set; }

    public long? ExpiredAt { get; set; }

    public long? CancellingAt { get; set; }

    public long? CancelledAt { get; set; }

    public int Total { get; set; }

    public int Completed { get; set; }

    public int Failed { get; set; }

    /// <summary>The model of the input file's lines, once validated (guarded by the <see cref="BatchStore"/>'s lock).</summary>
    public string? Model { get; set; }

    /// <summary>
    /// Tokens this batch holds against its model's enqueued-token limit, 0 once it is no longer active (guarded by the
    /// <see cref="BatchStore"/>'s lock).
    /// </summary>
    public long EnqueuedTokens { get; set; }

    public bool IsTerminal => Status is "completed" or "failed" or "expired" or "cancelled";
}
