using System.Globalization;
using EvalHarness.Core.Evaluators;

namespace EvalHarness.Core.Reporting.Comparison;

/// <summary>One samples.csv row as the comparison needs it. <see cref="Score"/> is null for an errored sample.</summary>
public sealed record SampleRecord(
    string RunId, string Model, string Eval, string SampleId, string Group, double? Score, bool IsError,
    double? TtftMs, double? LatencyMs, long? PromptTokens, long? CachedTokens, long? CompletionTokens, double? CostUsd, string? Cluster);

/// <summary>The rows of one input (a run folder's samples.csv, or a samples.csv file).</summary>
public sealed record SampleSet(string Source, IReadOnlyList<SampleRecord> Records);

/// <summary>Reads samples.csv for comparison; bad input is an <see cref="EvalInputException"/> naming file, line and column.</summary>
public static class SampleSetReader
{
    public static readonly IReadOnlyList<string> RequiredColumns = ["model", "eval", "sample_id", "group", "score", "error_kind"];

    /// <summary>A run folder (reads its samples.csv) or a CSV file.</summary>
    public static SampleSet Load(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, "samples.csv") : path;
        if (!File.Exists(file)) throw new EvalInputException($"{file}: file not found (expected a run folder or a samples.csv)");
        var (header, rows) = CsvTable.Read(file);
        foreach (var column in RequiredColumns)
        {
            if (!header.Contains(column, StringComparer.Ordinal))
                throw new EvalInputException($"{file}:1: missing required column '{column}' (needs {string.Join(", ", RequiredColumns)})");
        }
        var defaultRunId = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file))) ?? "";
        var records = new List<SampleRecord>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            // Record i is on line i + 2 unless an earlier quoted field spans lines (error messages rarely do).
            var reader = new RowReader(file, i + 2, rows[i]);
            var errorKind = reader.Text("error_kind");
            var score = reader.Number("score");
            var isError = errorKind.Length > 0 || score is null;
            if (reader.Text("sample_id").Length == 0) throw new EvalInputException($"{file}:{i + 2}: column 'sample_id' is empty");
            records.Add(new SampleRecord(
                reader.Text("run_id") is { Length: > 0 } runId ? runId : defaultRunId,
                reader.Text("model"), reader.Text("eval"), reader.Text("sample_id"), reader.Text("group"),
                isError ? null : score, isError,
                reader.Number("ttft_ms"), reader.Number("latency_ms"),
                reader.Integer("prompt_tokens"), reader.Integer("cached_tokens"), reader.Integer("completion_tokens"),
                reader.Number("cost_usd"), reader.Text("cluster") is { Length: > 0 } cluster ? cluster : null));
        }
        return new SampleSet(file, records);
    }

    private readonly record struct RowReader(string File, int Line, Dictionary<string, string> Row)
    {
        public string Text(string column) => Row.TryGetValue(column, out var v) ? v.Trim() : "";

        public double? Number(string column)
        {
            var text = Text(column);
            if (text.Length == 0) return null;
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                ? v
                : throw new EvalInputException($"{File}:{Line}: column '{column}': '{text}' is not a number");
        }

        public long? Integer(string column)
        {
            var text = Text(column);
            if (text.Length == 0) return null;
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
                ? v
                : throw new EvalInputException($"{File}:{Line}: column '{column}': '{text}' is not a token count");
        }
    }
}
