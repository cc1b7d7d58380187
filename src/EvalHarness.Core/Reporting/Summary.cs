using EvalHarness.Core.Running;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.Reporting;

/// <summary>One summary.csv row: a (model, eval, group) cell, or the group=all aggregate.</summary>
public sealed record SummaryRow(
    string Model,
    string Eval,
    string Group,
    int N,
    int NErrors,
    Statistics.Interval Score,
    double? PassRate,
    double? TtftP50,
    double? TtftP95,
    double? LatencyP50,
    double? LatencyP95,
    long PromptTokens,
    long CompletionTokens,
    double? CostUsd)
{
    /// <summary>Scored samples the output limit cut (<c>finish_reason=length</c>): their answers may be incomplete.</summary>
    public int NLength { get; init; }

    /// <summary>The published number for this cell and model, when one with a matching definition exists.</summary>
    public PublishedValue? Published { get; init; }
}

public static class Summary
{
    public const string AllGroup = "all";

    public static readonly IReadOnlyList<string> Columns =
    [
        "run_id", "model", "eval", "group", "n", "n_errors", "mean_score", "ci95_low", "ci95_high", "ttft_p50_ms",
        "ttft_p95_ms", "latency_p50_ms", "latency_p95_ms", "prompt_tokens", "completion_tokens",
        "ci_method", "pass_rate", "cost_usd", "published_value", "published_source", "published_date",
        "n_length",
    ];

    /// <summary>The columns written as numbers; every other column is text, protected against CSV injection.</summary>
    public static readonly IReadOnlySet<string> NumericColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        "n", "n_errors", "mean_score", "ci95_low", "ci95_high", "ttft_p50_ms", "ttft_p95_ms", "latency_p50_ms", "latency_p95_ms",
        "prompt_tokens", "completion_tokens", "pass_rate", "cost_usd", "published_value", "n_length",
    };

    /// <summary>Rows in input order of (model, eval), groups in first-seen order, then the "all" row.</summary>
    public static IReadOnlyList<SummaryRow> Build(IReadOnlyList<SampleResult> results, Func<SampleResult, double?>? cost = null, PublishedResults? published = null)
    {
        published ??= PublishedResults.Empty;
        var rows = new List<SummaryRow>();
        foreach (var byModelEval in results.GroupBy(r => (r.Model, r.Eval)))
        {
            foreach (var byGroup in byModelEval.GroupBy(r => r.Group, StringComparer.Ordinal))
            {
                rows.Add(Row(byModelEval.Key.Model, byModelEval.Key.Eval, byGroup.Key, byGroup.ToList(), cost, clustered: false) with
                {
                    Published = published.Find(byModelEval.Key.Eval, byGroup.Key, byModelEval.Key.Model),
                });
            }
            var all = byModelEval.ToList();
            rows.Add(Row(byModelEval.Key.Model, byModelEval.Key.Eval, AllGroup, all, cost, clustered: true) with
            {
                Published = published.Find(byModelEval.Key.Eval, AllGroup, byModelEval.Key.Model),
            });
            foreach (var extra in Evaluators.EvaluatorRegistry.SummaryGroups(byModelEval.Key.Eval, all))
            {
                // Same samples as "all" (latency, tokens, cost), but the evaluator's own score list and clusters.
                var basis = Row(byModelEval.Key.Model, byModelEval.Key.Eval, extra.Group, all, cost, clustered: false);
                var passRate = extra.Scores.Count == 0 ? (double?)null : extra.Scores.Count(v => v == 1.0) / (double)extra.Scores.Count;
                rows.Add(basis with { N = extra.Scores.Count, Score = Statistics.MeanCi95(extra.Scores, extra.Clusters), PassRate = passRate });
            }
        }
        return rows;
    }

    private static SummaryRow Row(string model, string eval, string group, IReadOnlyList<SampleResult> results, Func<SampleResult, double?>? cost, bool clustered)
    {
        var scored = results.Where(r => r.Score is not null).ToList();
        var scores = scored.Select(r => r.Score!.Score).ToList();
        var clusters = clustered ? scored.Select(r => r.Sample.Cluster).ToList() : null;
        var interval = Statistics.MeanCi95(scores, clusters);
        var ttft = scored.Where(r => r.TtftMs is not null).Select(r => r.TtftMs!.Value).ToList();
        var latency = scored.Where(r => r.LatencyMs is not null).Select(r => r.LatencyMs!.Value).ToList();
        double? totalCost = null;
        if (cost is not null)
        {
            // Errored requests have no usage and are not priced; the total covers the priced samples.
            var costs = results.Select(cost).Where(c => c is not null).ToList();
            totalCost = costs.Count > 0 ? costs.Sum() : null;
        }
        return new SummaryRow(
            model, eval, group, scored.Count, results.Count(r => r.IsError), interval,
            scored.Count == 0 ? null : scored.Count(r => r.Score!.Passed) / (double)scored.Count,
            Statistics.Percentile(ttft, 50), Statistics.Percentile(ttft, 95),
            Statistics.Percentile(latency, 50), Statistics.Percentile(latency, 95),
            results.Sum(r => (long)(r.Usage?.PromptTokens ?? 0)),
            results.Sum(r => (long)(r.Usage?.CompletionTokens ?? 0)),
            totalCost) { NLength = scored.Count(r => string.Equals(r.FinishReason, "length", StringComparison.Ordinal)) };
    }

    public static void Write(string path, string runId, IReadOnlyList<SummaryRow> rows) =>
        CsvTable.Write(path, Columns, rows.Select(r => Cells(runId, r)), NumericColumns);

    private static IEnumerable<string> Cells(string runId, SummaryRow r) =>
    [
        runId, r.Model, r.Eval, r.Group, Cell.Of(r.N), Cell.Of(r.NErrors), Cell.Of(r.Score.Mean), Cell.Of(r.Score.Low),
        Cell.Of(r.Score.High), Cell.Ms(r.TtftP50), Cell.Ms(r.TtftP95), Cell.Ms(r.LatencyP50), Cell.Ms(r.LatencyP95),
        Cell.Of(r.PromptTokens), Cell.Of(r.CompletionTokens), r.Score.Method, Cell.Of(r.PassRate), Cell.Of(r.CostUsd),
        Cell.Of(r.Published?.ValuePercent / 100.0), r.Published?.Source ?? "", r.Published?.Date ?? "",
        Cell.Of(r.NLength),
    ];
}
