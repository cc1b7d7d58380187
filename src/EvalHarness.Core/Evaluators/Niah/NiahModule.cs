using System.Globalization;
using System.Text.Json.Nodes;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.Evaluators.Niah;

/// <summary>NIAH as a module: options, columns, the heatmap CSV per model, the report's heatmap, the simulator's solver.</summary>
public sealed class NiahModule : EvalModule<NiahOptions>
{
    private static readonly ColumnDescriptor ContextTarget = new("context_tokens_target", ColumnType.Integer, "o200k tokens", "Context length asked for (the grid's column)");
    private static readonly ColumnDescriptor DepthTarget = new("depth_percent_target", ColumnType.Number, "percent", "Needle depth asked for, 0 = start (the grid's row); empty for a random depth");

    public override string Name => NiahEvaluator.EvalName;

    public override string Description => "Needle in a haystack: key-value needles at set depths in o200k-exact contexts (RULER scoring, gkamradt grid)";

    public override IReadOnlyList<OptionDescriptor> Options { get; } =
    [
        new("preset", OptionType.Text, "smoke", "Grid: smoke | gpt41 | gpt41-128k | classic | ruler"),
        new("context_lengths", OptionType.List, "preset's", "Context lengths in o200k tokens, e.g. 1000,8000"),
        new("depths", OptionType.List, "preset's", "Needle depths in percent, e.g. 0,50,100"),
        new("depth_percents", OptionType.List, "preset's", "Alias of depths"),
        new("samples_per_cell", OptionType.Integer, "preset's", "Samples per (length, depth) cell"),
        new("task", OptionType.Text, "single", "single | multikey | multivalue | multiquery"),
        new("key_type", OptionType.Text, "words", "Needle keys: numbers | words | uuids"),
        new("value_type", OptionType.Text, "numbers", "Needle values: numbers | words | uuids"),
        new("n_keys", OptionType.Integer, "task's", "Needles with distinct keys"),
        new("n_values", OptionType.Integer, "task's", "Values per queried key"),
        new("n_queries", OptionType.Integer, "task's", "Keys asked for"),
        new("haystack", OptionType.Text, "essay", "essay | noise | needle | files:<dir>"),
        new("haystack_dir", OptionType.Path, "", "Folder of .txt files used as haystack"),
        new("multi_needle_spread", OptionType.Text, "even", "Where extra needles go: even | random"),
        new("max_output_tokens", OptionType.Integer, "128", "Per-sample output limit"),
        new("template_file", OptionType.Path, "", "JSON prompt template (see NiahTemplate)"),
        new("temperature", OptionType.Number, "0", "Sampling temperature, or 'model' for the model's setting"),
    ];

    public override IReadOnlyList<ColumnDescriptor> Columns { get; } =
    [
        ContextTarget,
        new("context_tokens", ColumnType.Integer, "o200k tokens", "Actual prompt length"),
        new("haystack_tokens", ColumnType.Integer, "o200k tokens", "Haystack text in the prompt"),
        DepthTarget,
        new("depth_percent", ColumnType.Number, "percent", "Actual depth of the first needle"),
        new("needle_token_index", ColumnType.Integer, "o200k tokens", "Token index where the first needle starts"),
        new("needles_inserted", ColumnType.Integer, "count", "Needle sentences placed in the context", Key: "n_needles"),
        new("n_keys", ColumnType.Integer, "count", "Distinct needle keys"),
        new("n_values", ColumnType.Integer, "count", "Values per queried key"),
        new("n_queries", ColumnType.Integer, "count", "Keys asked for"),
        new("task", ColumnType.Text, "", "single | multikey | multivalue | multiquery"),
        new("haystack_kind", ColumnType.Text, "", "essay | noise | needle | files"),
        new("key_type", ColumnType.Text, "", "numbers | words | uuids"),
        new("value_type", ColumnType.Text, "", "numbers | words | uuids"),
        new("expected_values", ColumnType.List, "", "Values the answer must contain"),
        new("found_values", ColumnType.List, "", "Expected values found in the response"),
        new("distractor_hits", ColumnType.List, "", "Values of other needles found in the response"),
        new("strict_pass", ColumnType.Boolean, "", "All expected values and no distractor"),
        new("lenient_used", ColumnType.Boolean, "", "Found only after lenient normalisation"),
        SharedColumns.ResponseChars,
        new("seed", ColumnType.Integer, "", "The sample's own seed"),
        new("haystack_sha256", ColumnType.Text, "", "sha256 of the haystack text used"),
        new("tokenizer", ColumnType.Text, "", "Tokenizer the lengths are counted in"),
    ];

    public override ITaskSolver Solver { get; } = new NiahSolver();

    public override ReportSectionSpec ReportSection { get; } = new(
        "NIAH: score by needle depth and context length",
        "Rows: target needle depth (0% = start of the context, on top). Columns: target context length in tokens, ascending. Each cell: mean score; a red cell is a depth the model misses at that length.",
        [new HeatmapView("Mean score by depth and context length", DepthTarget.Name, "depth %", ContextTarget.Name, "context tokens")]);

    public override NiahOptions ParseOptions(EvalRequest request) => NiahOptions.Parse(request);

    protected override IEvaluator CreateEvaluator(NiahOptions options) => new NiahEvaluator(options);

    public override string PromptSummary(EvalSample sample)
    {
        var keys = sample.Truth["queried_keys"] is JsonArray a ? string.Join(", ", a.Select(n => n?.ToString() ?? "")) : "";
        var depth = Cell.Of(sample.Labels["depth_percent_target"]);
        return $"ctx {Cell.Of(sample.Labels["context_tokens_target"])} tokens, needle at {(depth.Length == 0 ? "random depth" : depth + "%")}, keys: {keys}";
    }

    public override string ExpectedAnswer(EvalSample sample) =>
        sample.Truth["expected_values"] is JsonArray a ? string.Join(", ", a.Select(n => n?.ToString() ?? "")) : "";

    /// <summary>heatmap_niah_&lt;model&gt;.csv: mean score per (depth, context length) for each model.</summary>
    public override void WriteArtifacts(string runDirectory, IReadOnlyList<SampleResult> results)
    {
        foreach (var byModel in results.Where(r => r.Score is not null).GroupBy(r => r.Model))
        {
            var cells = byModel.Select(r => (
                Context: Label(r, ContextTarget.Name),
                Depth: Label(r, DepthTarget.Name),
                r.Score!.Score)).Where(c => c.Context is not null && c.Depth is not null)
                .Select(c => ((int)c.Context!.Value, c.Depth!.Value, c.Score));
            var heatmap = NiahHeatmap.Build(cells);
            AtomicFile.WriteAllText(Path.Combine(runDirectory, $"heatmap_niah_{SafeName(byModel.Key)}.csv"), heatmap.ToCsv());
        }
    }

    private static double? Label(SampleResult r, string name) =>
        double.TryParse(Cell.Of(r.Sample.Labels[name]), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string SafeName(string model) =>
        string.Concat(model.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_'));
}
