using System.Text.Json.Serialization;

namespace EvalHarness.Core.Running;

/// <summary>
/// One line of responses.jsonl: a finished request, written and flushed before it is scored. Its <c>id</c> and
/// <c>response</c> fields also make the journal a valid responses file for <c>evalharness score</c>.
/// </summary>
public sealed class JournalRecord
{
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("eval")] public string Eval { get; set; } = "";
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("response")] public string? Response { get; set; }
    [JsonPropertyName("error_kind")] public string ErrorKind { get; set; } = "";
    [JsonPropertyName("error_message")] public string? ErrorMessage { get; set; }
    [JsonPropertyName("http_status")] public int? HttpStatus { get; set; }
    [JsonPropertyName("attempts")] public int Attempts { get; set; }
    [JsonPropertyName("started_utc")] public DateTimeOffset StartedUtc { get; set; }
    [JsonPropertyName("finished_utc")] public DateTimeOffset FinishedUtc { get; set; }
    [JsonPropertyName("ttft_ms")] public double? TtftMs { get; set; }
    [JsonPropertyName("latency_ms")] public double? LatencyMs { get; set; }
    [JsonPropertyName("output_tokens_per_s")] public double? OutputTokensPerSecond { get; set; }
    [JsonPropertyName("prompt_tokens")] public int? PromptTokens { get; set; }
    [JsonPropertyName("cached_tokens")] public int? CachedTokens { get; set; }
    [JsonPropertyName("completion_tokens")] public int? CompletionTokens { get; set; }
    [JsonPropertyName("reasoning_tokens")] public int? ReasoningTokens { get; set; }
    [JsonPropertyName("usage_missing")] public bool UsageMissing { get; set; }
    [JsonPropertyName("served_model")] public string? ServedModel { get; set; }
    [JsonPropertyName("finish_reason")] public string? FinishReason { get; set; }

    // Added for issue 8 (absent in older journals, read as null): what was sent and when each kind of token arrived.
    [JsonPropertyName("max_output_tokens")] public int? MaxOutputTokens { get; set; }
    [JsonPropertyName("ttfb_ms")] public double? TtfbMs { get; set; }
    [JsonPropertyName("first_reasoning_ms")] public double? FirstReasoningMs { get; set; }

    /// <summary>Reasoning text streamed separately: evidence when a 0 comes from "thought but never answered". Never in the CSV.</summary>
    [JsonPropertyName("reasoning")] public string? Reasoning { get; set; }

    /// <summary>Answered from the response cache (issue 11): written only when true; nothing was sent, timings are null.</summary>
    [JsonPropertyName("cached_response")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool CachedResponse { get; set; }

    /// <summary>Answered through the Batch API (<c>run --batch</c>): priced at the batch rate; written only when true; no timings.</summary>
    [JsonPropertyName("batch")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Batch { get; set; }
}
