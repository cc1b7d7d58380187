using System.Globalization;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.RunFolders;

/// <summary>One summary.csv row read back: a (model, eval, group) cell with its n, mean, CI, latency, tokens and cost.</summary>
internal sealed record SummaryRecord(
    string Model, string Eval, string Group, long? N, long? NErrors, double? Mean, double? Ci95Low, double? Ci95High,
    double? TtftP50Ms, double? TtftP95Ms, double? LatencyP50Ms, double? LatencyP95Ms, long? PromptTokens, long? CompletionTokens,
    double? CostUsd, long? NLength);

/// <summary>Reads a run's summary.csv (history and trend); bad input names file, line and column.</summary>
internal static class SummaryCsvReader
{
    public static readonly IReadOnlyList<string> RequiredColumns = ["model", "eval", "group", "n", "mean_score"];

    public static IReadOnlyList<SummaryRecord> Read(string path)
    {
        if (!File.Exists(path)) throw new EvalInputException($"{path}: file not found");
        var (header, rows) = CsvTable.Read(path);
        foreach (var column in RequiredColumns)
        {
            if (!header.Contains(column, StringComparer.Ordinal)) throw new EvalInputException($"{path}:1: missing required column '{column}'");
        }
        var records = new List<SummaryRecord>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = new Row(path, i + 2, rows[i]);
            records.Add(new SummaryRecord(
                r.Text("model"), r.Text("eval"), r.Text("group"), r.Int("n"), r.Int("n_errors"), r.Num("mean_score"), r.Num("ci95_low"), r.Num("ci95_high"),
                r.Num("ttft_p50_ms"), r.Num("ttft_p95_ms"), r.Num("latency_p50_ms"), r.Num("latency_p95_ms"),
                r.Int("prompt_tokens"), r.Int("completion_tokens"), r.Num("cost_usd"), r.Int("n_length")));
        }
        return records;
    }

    private readonly record struct Row(string File, int Line, Dictionary<string, string> Values)
    {
        public string Text(string column) => Values.TryGetValue(column, out var v) ? v.Trim() : "";

        public double? Num(string column) =>
            Text(column) is not { Length: > 0 } text ? null
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
            : throw new EvalInputException($"{File}:{Line}: column '{column}': '{text}' is not a number");

        public long? Int(string column) =>
            Text(column) is not { Length: > 0 } text ? null
            : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
            : throw new EvalInputException($"{File}:{Line}: column '{column}': '{text}' is not an integer");
    }
}
