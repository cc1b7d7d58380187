namespace EvalHarness.Core.Evaluators;

/// <summary>
/// The samples.csv columns every eval shares, in file order. They live beside the modules (not with the writer) because
/// the catalog refuses a module column named like one of them, and modules sit below reporting.
/// </summary>
public static class CoreColumns
{
    public static readonly IReadOnlyList<string> Common =
    [
        "run_id", "model", "eval", "sample_id", "group", "score", "passed", "error_kind", "error_message",
        "prompt_tokens", "cached_tokens", "completion_tokens", "reasoning_tokens", "ttft_ms", "latency_ms",
        "output_tokens_per_s", "attempts", "started_utc",
    ];

    /// <summary>Harness-level columns after the common ones (the last of samples.csv).</summary>
    public static readonly IReadOnlyList<string> Harness =
        ["usage_missing", "http_status", "served_model", "cost_usd", "cluster", "ttfb_ms", "first_reasoning_ms", "finish_reason", "cached_response"];
}
