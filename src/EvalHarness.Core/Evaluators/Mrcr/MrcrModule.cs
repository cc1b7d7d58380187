using EvalHarness.Core.Files;

namespace EvalHarness.Core.Evaluators.Mrcr;

/// <summary>OpenAI-MRCR as a module: options, columns, the report's score-by-bin lines, the simulator's solver.</summary>
public sealed class MrcrModule : EvalModule<MrcrOptions>
{
    private const int SummaryChars = 300;

    public override string Name => MrcrEvaluator.EvalName;

    public override string Description => "OpenAI-MRCR: reproduce the k-th of n identical requests' reply, prefixed by a hash (difflib ratio)";

    public override IReadOnlyList<OptionDescriptor> Options { get; } =
    [
        new("source", OptionType.Path, "generated", "generated, or the official set (v1/v2 folder, a parquet file, or JSONL with the same columns)"),
        new("n_needles", OptionType.List, "2,4,8", "Needle counts to run (subset of 2,4,8)"),
        new("bins", OptionType.List, "generated: 5 bins up to 131072; official: all 8", "Card bins as lo-hi or upper edges (e.g. 4096-8192,128k), or all"),
        new("max_context_tokens", OptionType.Integer, "", "Drop rows (official) or cap sizes (generated) above this many o200k tokens"),
        new("rows_per_bin", OptionType.Integer, "generated: 2; official: all", "Rows per (n_needles, bin)"),
        new("samples_per_bin", OptionType.Integer, "", "Alias of rows_per_bin"),
        new("max_output_tokens", OptionType.Integer, "2048", "Per-sample output limit"),
        new("dataset_version", OptionType.Text, "v2", "v1 or v2 when a folder holds both layouts"),
    ];

    public override IReadOnlyList<ColumnDescriptor> Columns { get; } =
    [
        new("n_needles", ColumnType.Integer, "count", "Identical requests in the conversation (2, 4 or 8)"),
        new("bin", ColumnType.Text, "", "The card's bin label, lo-hi in o200k tokens (or below/above the bins)"),
        new("bin_lo", ColumnType.Integer, "o200k tokens", "Lower edge of the bin"),
        new("bin_hi", ColumnType.Integer, "o200k tokens", "Upper edge of the bin"),
        new("bin_tokens", ColumnType.Integer, "o200k tokens", "Tokens of the prompt messages plus the gold answer, the quantity the bins are cut on", Key: "context_tokens"),
        new("total_messages", ColumnType.Integer, "count", "Messages in the conversation"),
        new("desired_msg_index", ColumnType.Integer, "index", "Index of the message to reproduce"),
        new("n_chars", ColumnType.Integer, "characters", "The dataset's n_chars of the row"),
        new("dataset_version", ColumnType.Text, "", "v1, v2 or generated"),
        new("date_added", ColumnType.Text, "", "The dataset's date_added of the row"),
        new("score_lenient", ColumnType.Number, "ratio 0..1", "difflib ratio with the hash prefix not required"),
        new("prefix_ok", ColumnType.Boolean, "", "The response starts with the required hash"),
        SharedColumns.ResponseChars,
    ];

    public override ITaskSolver Solver { get; } = new MrcrSolver();

    public override ReportSectionSpec ReportSection { get; } = new(
        "OpenAI-MRCR: score by context bin and needle count",
        "Mean SequenceMatcher ratio with its 95% interval against the upper edge of the context bin, one line per model and needle count.",
        [new LineView("Mean score by context bin", "bin_hi", "context bin upper edge (tokens)", "mean score", SeriesColumn: "n_needles", LogX: true)]);

    public override MrcrOptions ParseOptions(EvalRequest request) => MrcrOptions.From(request);

    protected override IEvaluator CreateEvaluator(MrcrOptions options) => new MrcrEvaluator(options);

    public override string PromptSummary(EvalSample sample) =>
        $"reproduce message {Cell.Of(sample.Labels["desired_msg_index"])} of {Cell.Of(sample.Labels["total_messages"])}, prefix {sample.Truth["random_string_to_prepend"]?.ToString() ?? ""}";

    public override string ExpectedAnswer(EvalSample sample)
    {
        var answer = sample.Truth["answer"]?.ToString() ?? "";
        return answer.Length <= SummaryChars ? answer : answer[..SummaryChars];
    }
}
