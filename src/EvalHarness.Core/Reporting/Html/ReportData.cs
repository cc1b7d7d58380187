using System.Globalization;
using EvalHarness.Core.Evaluators;

namespace EvalHarness.Core.Reporting.Html;

/// <summary>One samples.csv row as the report needs it; <see cref="Score"/> is null for an errored sample.</summary>
public sealed record ReportSample(
    string Side, string RunId, string Model, string Eval, string Group, double? Score,
    double? TtftMs, long? PromptTokens, long? CachedTokens, long? CompletionTokens, double? CostUsd,
    IReadOnlyDictionary<string, string> Row)
{
    public bool IsError => Score is null;

    public string Column(string name) => Row.TryGetValue(name, out var v) ? v.Trim() : "";
}

/// <summary>
/// The rows of every input (run folders or samples.csv files), labelled by side: the model name, or model@run when
/// the same model appears in several runs. Also the published values found in the inputs' summary.csv files.
/// </summary>
public sealed record ReportData(IReadOnlyList<RunInfo> Sources, IReadOnlyList<string> Sides, IReadOnlyList<ReportSample> Samples, PublishedResults SummaryPublished)
{
    private static readonly string[] Required = ["model", "eval", "group", "score", "error_kind"];

    public static ReportData Load(IReadOnlyList<string> inputs)
    {
        if (inputs.Count == 0) throw new EvalInputException("report: no input given (expected run folders or samples.csv files)");
        var raw = new List<(string RunId, string Model, string Eval, string Group, double? Score, double? Ttft, long? Prompt, long? Cached, long? Completion, double? Cost, Dictionary<string, string> Row)>();
        var sources = new List<RunInfo>();
        var published = new List<PublishedValue>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var file = Directory.Exists(input) ? Path.Combine(input, "samples.csv") : input;
            if (!File.Exists(file)) throw new EvalInputException($"{file}: file not found (expected a run folder or a samples.csv)");
            if (!seen.Add(Path.GetFullPath(file))) continue; // the same file given twice is read once
            var (header, rows) = RunFolders.RunFolderReader.ReadTable(file); // samples_<eval>.csv columns joined in
            foreach (var column in Required)
            {
                if (!header.Contains(column, StringComparer.Ordinal))
                    throw new EvalInputException($"{file}:1: missing required column '{column}' (needs {string.Join(", ", Required)})");
            }
            var defaultRunId = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file))) ?? "";
            for (var i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                var line = i + 2;
                var errorKind = Text(r, "error_kind");
                var score = Number(file, line, r, "score");
                raw.Add((Text(r, "run_id") is { Length: > 0 } id ? id : defaultRunId, Text(r, "model"), Text(r, "eval"), Text(r, "group"),
                    errorKind.Length > 0 ? null : score, Number(file, line, r, "ttft_ms"), Integer(file, line, r, "prompt_tokens"),
                    Integer(file, line, r, "cached_tokens"), Integer(file, line, r, "completion_tokens"), Number(file, line, r, "cost_usd"), r));
            }
            sources.Add(RunInfo.Read(file));
            published.AddRange(ReadSummaryPublished(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", "summary.csv")));
        }
        var pairs = raw.Select(r => (r.RunId, r.Model)).Distinct().ToList();
        var ambiguous = pairs.GroupBy(p => p.Model, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        string Label(string runId, string model) => ambiguous.Contains(model) ? $"{model}@{runId}" : model;
        var samples = raw.Select(r => new ReportSample(Label(r.RunId, r.Model), r.RunId, r.Model, r.Eval, r.Group, r.Score, r.Ttft, r.Prompt, r.Cached, r.Completion, r.Cost, r.Row)).ToList();
        var sides = pairs.Select(p => Label(p.RunId, p.Model)).Distinct(StringComparer.Ordinal).ToList();
        return new ReportData(sources, sides, samples, new PublishedResults(published));
    }

    /// <summary>The published_value column a run wrote into its summary.csv (as a fallback when no published folder is given).</summary>
    private static IEnumerable<PublishedValue> ReadSummaryPublished(string path)
    {
        if (!File.Exists(path)) yield break;
        var (header, rows) = CsvTable.Read(path);
        if (!header.Contains("published_value", StringComparer.Ordinal)) yield break;
        var line = 1;
        foreach (var r in rows)
        {
            line++;
            if (Number(path, line, r, "published_value") is not { } v) continue;
            yield return new PublishedValue(Text(r, "eval"), Text(r, "group"), "", Text(r, "model"), v * 100, Text(r, "published_source"), Text(r, "published_date"), "");
        }
    }

    private static string Text(Dictionary<string, string> row, string column) => row.TryGetValue(column, out var v) ? v.Trim() : "";

    private static double? Number(string file, int line, Dictionary<string, string> row, string column)
    {
        var text = Text(row, column);
        if (text.Length == 0) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new EvalInputException($"{file}:{line}: column '{column}': '{text}' is not a number");
    }

    private static long? Integer(string file, int line, Dictionary<string, string> row, string column)
    {
        var text = Text(row, column);
        if (text.Length == 0) return null;
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
            ? v
            : throw new EvalInputException($"{file}:{line}: column '{column}': '{text}' is not a token count");
    }
}
