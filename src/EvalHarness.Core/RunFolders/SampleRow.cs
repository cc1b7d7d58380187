namespace EvalHarness.Core.RunFolders;

/// <summary>
/// One sample of a finished run as read back from its folder: the core columns typed, every other column (the eval's
/// own, from <c>samples_&lt;eval&gt;.csv</c>, or from an old single samples.csv) by name. <see cref="Score"/> is null
/// for an errored sample: errors are not wrong answers.
/// </summary>
public sealed record SampleRow(
    string RunId, string Model, string Eval, string SampleId, string Group, double? Score, bool? Passed,
    string ErrorKind, string ErrorMessage,
    long? PromptTokens, long? CachedTokens, long? CompletionTokens, long? ReasoningTokens,
    double? TtftMs, double? LatencyMs, double? CostUsd, string? Cluster, string FinishReason, int? Attempts, string StartedUtc,
    IReadOnlyDictionary<string, string> Columns)
{
    public bool IsError => Score is null;

    /// <summary>Any column of the row by name (core or eval-specific), trimmed; empty when absent.</summary>
    public string Column(string name) => Columns.TryGetValue(name, out var v) ? v.Trim() : "";
}
