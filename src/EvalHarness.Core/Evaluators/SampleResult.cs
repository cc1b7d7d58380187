using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Evaluators;

/// <summary>The outcome of one (model, eval, sample): a score, or an error (never both).</summary>
public sealed class SampleResult
{
    public required string Model { get; init; }

    public required EvalSample Sample { get; init; }

    public string Eval => Sample.Eval;

    public string SampleId => Sample.Id;

    public string Group => Sample.Group;

    /// <summary>Null when the sample errored: an error is not a wrong answer.</summary>
    public SampleScore? Score { get; init; }

    public ErrorKind ErrorKind { get; init; }

    public string? ErrorMessage { get; init; }

    public int? HttpStatus { get; init; }

    public TokenUsage? Usage { get; init; }

    public bool UsageMissing { get; init; }

    public double? TtftMs { get; init; }

    /// <summary>Time to the response headers (first byte).</summary>
    public double? TtfbMs { get; init; }

    /// <summary>Time to the first streamed reasoning text; null when none was streamed.</summary>
    public double? FirstReasoningMs { get; init; }

    /// <summary><c>stop</c>, <c>length</c> (cut by the output limit), <c>content_filter</c>...; null for errors.</summary>
    public string? FinishReason { get; init; }

    /// <summary>The output limit sent with the request (null in journals written before it was recorded).</summary>
    public int? MaxOutputTokens { get; init; }

    public double? LatencyMs { get; init; }

    public double? OutputTokensPerSecond { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset StartedUtc { get; init; }

    public string? ServedModel { get; init; }

    /// <summary>Answered from the response cache: no request was sent, so no latency and no cost (samples.csv <c>cached_response</c>).</summary>
    public bool CachedResponse { get; init; }

    /// <summary>Sent through the Batch API (<c>run --batch</c>): cost at the batch price; latency and TTFT are null.</summary>
    public bool Batch { get; init; }

    public bool IsError => ErrorKind != ErrorKind.None;

    /// <summary>An error row for a request never sent, because its model's lane stopped (<see cref="LaneBreaker"/>).</summary>
    public bool NotSent => IsError && Attempts == 0;
}
