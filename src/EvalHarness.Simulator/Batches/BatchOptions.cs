namespace EvalHarness.Simulator.Batches;

/// <summary>
/// The Batch API (<c>/v1/files</c>, <c>/v1/batches</c>) and its failure modes, bindable as <c>Simulator:Batch:*</c>.
/// Defaults behave like a healthy OpenAI batch service, only fast.
/// </summary>
public sealed class BatchOptions
{
    /// <summary>How long a batch stays <c>in_progress</c> before finalizing; its lines are answered spread over it.</summary>
    public double CompletionSeconds { get; set; } = 0.2;

    /// <summary>The batch answers this many lines, then <c>expired</c> (the rest go to the error file); null = never.</summary>
    public int? ExpireAfterLines { get; set; }

    /// <summary>Every n-th line (1-based, per input file) fails with status_code 500; the batch still completes.</summary>
    public int? FailEveryNthLine { get; set; }

    /// <summary>
    /// Per-model enqueued-token limit: a batch whose lines (o200k prompt tokens + max output tokens) plus the model's
    /// batches still validating, in progress or finalizing exceed it fails with <c>token_limit_exceeded</c>. null = none.
    /// </summary>
    public long? EnqueuedTokenLimit { get; set; }

    /// <summary>Absent output/error file ids are sent as <c>""</c> instead of null (some servers do).</summary>
    public bool EmptyFileIdsAsEmptyString { get; set; }

    /// <summary>More lines in one input file fail the batch at validation (<c>too_many_requests</c>).</summary>
    public int MaxLinesPerFile { get; set; } = 50_000;

    /// <summary>A larger input file fails the batch at validation (<c>file_too_large</c>).</summary>
    public long MaxFileBytes { get; set; } = 200L * 1024 * 1024;

    internal void Validate()
    {
        if (!(CompletionSeconds >= 0) || double.IsInfinity(CompletionSeconds)) throw new ArgumentException("Simulator:Batch:CompletionSeconds must be a finite number >= 0");
        if (ExpireAfterLines is < 0) throw new ArgumentException("Simulator:Batch:ExpireAfterLines must not be negative");
        if (FailEveryNthLine is <= 0) throw new ArgumentException("Simulator:Batch:FailEveryNthLine must be positive");
        if (EnqueuedTokenLimit is <= 0) throw new ArgumentException("Simulator:Batch:EnqueuedTokenLimit must be positive");
        if (MaxLinesPerFile <= 0) throw new ArgumentException("Simulator:Batch:MaxLinesPerFile must be positive");
        if (MaxFileBytes <= 0) throw new ArgumentException("Simulator:Batch:MaxFileBytes must be positive");
    }
}
