using EvalHarness.Core.Files;

namespace EvalHarness.Core.Evaluators.Graphwalks;

/// <summary>Graphwalks as a module: options, columns, the report's score-by-token-target lines, the simulator's solver.</summary>
public sealed class GraphwalksModule : EvalModule<GraphwalksOptions>
{
    public override string Name => "graphwalks";

    public override string Description => "Graphwalks: BFS at exact depth / parents over a hex-id graph, set F1 (OpenAI dataset card grader)";

    public override IReadOnlyList<OptionDescriptor> Options { get; } =
    [
        new("source", OptionType.Path, "generated", "generated, or a parquet/jsonl file, or a folder with the two official files"),
        new("prompt_version", OptionType.Text, "generated: fixed; official: as_is", "fixed | original | as_is (official only)"),
        new("problem_types", OptionType.List, "bfs,parents", "Problem types to run"),
        new("token_targets", OptionType.List, "2000,8000,32000,128000", "Generated: o200k prompt sizes; target T fills [T - T/10, T]"),
        new("samples_per_target", OptionType.Integer, "5", "Generated: samples per (target, problem type)"),
        new("out_degree", OptionType.List, "1,2,3,4,5", "Generated: out-degrees drawn per sample"),
        new("depth", OptionType.List, "1,2,3", "Generated: BFS depths drawn per sample"),
        new("max_output_tokens", OptionType.Integer, "1024", "Per-sample output limit"),
        new("rows_per_split", OptionType.Integer, "all", "Official: first N rows per (split, problem type)"),
        new("count_tokens", OptionType.Boolean, "true", "Official: count each prompt's o200k tokens for prompt_tokens_o200k"),
    ];

    public override IReadOnlyList<ColumnDescriptor> Columns { get; } =
    [
        new("problem_type", ColumnType.Text, "", "bfs | parents"),
        new("split", ColumnType.Text, "", "Official split the row came from; empty when generated"),
        new("token_target", ColumnType.Integer, "o200k tokens", "Generated: the prompt-size target T (prompt within [T - T/10, T]); empty for official rows", Key: "bin"),
        new("prompt_version", ColumnType.Text, "", "Wording sent: fixed | original | unknown"),
        new("source_prompt_version", ColumnType.Text, "", "Official: the file's own wording; empty when generated"),
        new("prompt_tokens_o200k", ColumnType.Integer, "o200k tokens", "Prompt length"),
        new("n_nodes", ColumnType.Integer, "count", "Nodes in the graph"),
        new("n_edges", ColumnType.Integer, "count", "Edges in the graph"),
        new("out_degree", ColumnType.Integer, "count", "Edges per node (empty when it varies)"),
        new("depth", ColumnType.Integer, "edges", "BFS depth asked for; empty for parents"),
        new("answer_size", ColumnType.Integer, "count", "Nodes in the gold answer"),
        new("precision", ColumnType.Number, "ratio 0..1", "Share of predicted nodes that are gold"),
        new("recall", ColumnType.Number, "ratio 0..1", "Share of gold nodes predicted"),
        new("f1_v1", ColumnType.Number, "ratio 0..1", "F1 with the card's first (v1) answer parser"),
        new("parse_failure", ColumnType.Boolean, "", "No 'Final Answer: [...]' line found"),
        new("predicted_size", ColumnType.Integer, "count", "Nodes in the parsed answer"),
    ];

    public override ITaskSolver Solver { get; } = new GraphwalksSolver();

    public override ReportSectionSpec ReportSection { get; } = new(
        "Graphwalks: F1 by token target and problem type",
        "Mean set F1 with its 95% interval against the prompt's token target, one line per model and problem type.",
        [new LineView("Mean F1 by token target", "token_target", "token target", "mean F1", SeriesColumn: "problem_type", LogX: true)]);

    public override GraphwalksOptions ParseOptions(EvalRequest request) => GraphwalksOptions.From(request);

    protected override IEvaluator CreateEvaluator(GraphwalksOptions options) => new GraphwalksEvaluator(options);

    /// <summary>The operation asked for, from the prompt's last lines: <c>bfs from X at depth 2</c> / <c>parents of X</c>.</summary>
    public override string PromptSummary(EvalSample sample)
    {
        var messages = sample.Messages; // one read: a spilled prompt is loaded on each access
        var prompt = messages.Count > 0 ? messages[^1].Content : "";
        // Last line first, without splitting a 1M-token prompt into lines.
        for (var end = prompt.Length; end >= 0;)
        {
            var start = end == 0 ? -1 : prompt.LastIndexOf('\n', end - 1);
            var line = prompt[(start + 1)..end];
            end = start;
            switch (GraphwalksPromptParser.ParseOperation(line))
            {
                case GraphwalksBfs b:
                    return $"bfs from {b.Start} at depth {b.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
                case GraphwalksParents p:
                    return $"parents of {p.Node}";
            }
        }
        return Cell.Of(sample.Labels["problem_type"]);
    }

    public override string ExpectedAnswer(EvalSample sample) =>
        sample.Truth["answer_nodes"] is System.Text.Json.Nodes.JsonArray a ? string.Join(", ", a.Select(n => n?.ToString() ?? "")) : "";
}
