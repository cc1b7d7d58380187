using System.Globalization;
using EvalHarness.Core.Running;

namespace EvalHarness.Core.Reporting;

/// <summary>Writes samples.csv: the contract's common columns first, then each evaluator's own columns.</summary>
public static class SamplesCsv
{
    public static readonly IReadOnlyList<string> CommonColumns =
    [
        "run_id", "model", "eval", "sample_id", "group", "score", "passed", "error_kind", "error_message",
        "prompt_tokens", "cached_tokens", "completion_tokens", "reasoning_tokens", "ttft_ms", "latency_ms",
        "output_tokens_per_s", "attempts", "started_utc",
    ];

    /// <summary>Columns after the common ones; harness-level extras first, then the evaluators' columns in order.</summary>
    public static readonly IReadOnlyList<string> HarnessColumns =
        ["usage_missing", "http_status", "served_model", "cost_usd", "cluster", "ttfb_ms", "first_reasoning_ms", "finish_reason"];

    /// <summary>
    /// The common and harness columns written as numbers; every other column is text, protected against CSV injection.
    /// Evaluators declare their own numeric columns (<see cref="Evaluators.IEvaluator.NumericColumns"/>).
    /// </summary>
    public static readonly IReadOnlySet<string> NumericColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        "score", "prompt_tokens", "cached_tokens", "completion_tokens", "reasoning_tokens", "ttft_ms", "latency_ms",
        "output_tokens_per_s", "attempts", "http_status", "cost_usd", "ttfb_ms", "first_reasoning_ms",
    };

    public static IReadOnlyList<string> Header(IEnumerable<IReadOnlyList<string>> evaluatorColumns)
    {
        var header = new List<string>(CommonColumns);
        header.AddRange(HarnessColumns);
        foreach (var columns in evaluatorColumns)
        {
            foreach (var c in columns)
            {
                if (!header.Contains(c, StringComparer.Ordinal)) header.Add(c);
            }
        }
        return header;
    }

    /// <param name="evaluatorNumericColumns">The evaluators' <see cref="Evaluators.IEvaluator.NumericColumns"/>.</param>
    public static void Write(
        string path, string runId, IReadOnlyList<SampleResult> results, IReadOnlyList<string> header, Func<SampleResult, double?>? cost = null,
        IEnumerable<string>? evaluatorNumericColumns = null)
    {
        var numeric = new HashSet<string>(NumericColumns, StringComparer.Ordinal);
        numeric.UnionWith(evaluatorNumericColumns ?? []);
        CsvTable.Write(path, header, results.Select(r => header.Select(h => Value(r, h, runId, cost))), numeric);
    }

    private static string Value(SampleResult r, string column, string runId, Func<SampleResult, double?>? cost) => column switch
    {
        "run_id" => runId,
        "model" => r.Model,
        "eval" => r.Eval,
        "sample_id" => r.SampleId,
        "group" => r.Group,
        "score" => Cell.Of(r.Score?.Score),
        "passed" => r.Score is null ? "" : Cell.Of(r.Score.Passed),
        "error_kind" => r.IsError ? Models.ErrorKinds.ToCsv(r.ErrorKind) : "",
        "error_message" => r.ErrorMessage ?? "",
        "prompt_tokens" => Cell.Of(r.Usage?.PromptTokens),
        "cached_tokens" => Cell.Of(r.Usage?.CachedTokens),
        "completion_tokens" => Cell.Of(r.Usage?.CompletionTokens),
        "reasoning_tokens" => Cell.Of(r.Usage?.ReasoningTokens),
        "ttft_ms" => Cell.Ms(r.TtftMs),
        "latency_ms" => Cell.Ms(r.LatencyMs),
        "output_tokens_per_s" => Cell.Of(r.OutputTokensPerSecond, "0.0"),
        "attempts" => r.Attempts == 0 && !r.NotSent ? "" : Cell.Of(r.Attempts), // 0 = not sent (lane stopped)
        "started_utc" => r.StartedUtc == default ? "" : r.StartedUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        "usage_missing" => r.UsageMissing ? "true" : "",
        "http_status" => Cell.Of(r.HttpStatus),
        "served_model" => r.ServedModel ?? "",
        "cost_usd" => Cell.Of(cost?.Invoke(r)),
        "cluster" => r.Sample.Cluster ?? "",
        "ttfb_ms" => Cell.Ms(r.TtfbMs),
        "first_reasoning_ms" => Cell.Ms(r.FirstReasoningMs),
        "finish_reason" => r.FinishReason ?? "",
        _ => r.Sample.Labels.TryGetPropertyValue(column, out var node) && node is not null
            ? Cell.Of(node)
            : r.Score is not null && r.Score.Columns.TryGetValue(column, out var v) ? v : "",
    };
}
