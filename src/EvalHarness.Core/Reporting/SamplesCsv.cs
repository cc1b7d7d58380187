using System.Globalization;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Running;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.Reporting;

/// <summary>Writes samples.csv (the contract's common and harness columns) and each eval's samples_&lt;eval&gt;.csv.</summary>
internal static class SamplesCsv
{
    /// <summary>The contract's common columns (<see cref="CoreColumns.Common"/>).</summary>
    public static IReadOnlyList<string> CommonColumns => CoreColumns.Common;

    /// <summary>Harness-level columns after the common ones, the last of samples.csv (<see cref="CoreColumns.Harness"/>).</summary>
    public static IReadOnlyList<string> HarnessColumns => CoreColumns.Harness;

    /// <summary>
    /// The common and harness columns written as numbers; every other column is text, protected against CSV injection.
    /// Eval modules declare their own columns' types (<see cref="ColumnDescriptor"/>).
    /// </summary>
    public static readonly IReadOnlySet<string> NumericColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        "score", "prompt_tokens", "cached_tokens", "completion_tokens", "reasoning_tokens", "ttft_ms", "latency_ms",
        "output_tokens_per_s", "attempts", "http_status", "cost_usd", "ttfb_ms", "first_reasoning_ms",
    };

    /// <summary>samples.csv's header: the common columns, then the harness columns (eval-specific ones live in samples_&lt;eval&gt;.csv).</summary>
    public static IReadOnlyList<string> Header { get; } = [.. CommonColumns, .. HarnessColumns];

    /// <summary>
    /// Writes a run's per-sample files: samples.csv (<see cref="Header"/>) and, for each eval with rows, its
    /// <c>samples_&lt;eval&gt;.csv</c> (<see cref="WriteEvalFile"/>). Results of an eval no module describes get samples.csv rows only.
    /// </summary>
    public static void WriteRun(
        string runDirectory, string runId, IReadOnlyList<SampleResult> results, IEnumerable<IEvalModule> modules, Func<SampleResult, double?>? cost = null)
    {
        Write(Path.Combine(runDirectory, RunFolders.RunFolder.SamplesFileName), runId, results, cost);
        foreach (var module in modules.DistinctBy(m => m.Name, StringComparer.Ordinal))
        {
            var rows = results.Where(r => string.Equals(r.Eval, module.Name, StringComparison.Ordinal)).ToList();
            if (rows.Count > 0) WriteEvalFile(Path.Combine(runDirectory, RunFolders.RunFolder.EvalSamplesFileName(module.Name)), runId, rows, module);
        }
    }

    /// <summary>samples.csv: one row per result, <see cref="Header"/> columns.</summary>
    public static void Write(string path, string runId, IReadOnlyList<SampleResult> results, Func<SampleResult, double?>? cost = null) =>
        CsvTable.Write(path, Header, results.Select(r => Header.Select(h => Value(r, h, runId, cost))), NumericColumns);

    /// <summary>
    /// samples_&lt;eval&gt;.csv: <see cref="EvalCatalog.EvalFileKeyColumns"/> then the module's columns, one row per result
    /// (errored ones too: labels are known, score columns empty). Text cells are protected; numeric descriptors are not.
    /// </summary>
    public static void WriteEvalFile(string path, string runId, IReadOnlyList<SampleResult> results, IEvalModule module)
    {
        var header = EvalCatalog.EvalFileKeyColumns.Concat(module.Columns.Select(c => c.Name)).ToList();
        var numeric = module.Columns.Where(c => c.IsNumeric).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        CsvTable.Write(path, header, results.Select(r => EvalRow(r, runId, module)), numeric);
    }

    private static IEnumerable<string> EvalRow(SampleResult r, string runId, IEvalModule module)
    {
        yield return runId;
        yield return r.Model;
        yield return r.SampleId;
        yield return Short(module.PromptSummary(r.Sample));
        yield return Short(module.ExpectedAnswer(r.Sample));
        foreach (var c in module.Columns) yield return EvalValue(r, c.SourceKey);
    }

    /// <summary>At most 300 characters, never cutting a surrogate pair.</summary>
    private static string Short(string text)
    {
        if (text.Length <= 300) return text;
        return text[..(char.IsHighSurrogate(text[299]) ? 299 : 300)];
    }

    private static string EvalValue(SampleResult r, string column) =>
        r.Sample.Labels.TryGetPropertyValue(column, out var node) && node is not null
            ? Cell.Of(node)
            : r.Score is not null && r.Score.Columns.TryGetValue(column, out var v) ? v : "";

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
        "cached_response" => r.CachedResponse ? "true" : "",
        _ => "",
    };
}
