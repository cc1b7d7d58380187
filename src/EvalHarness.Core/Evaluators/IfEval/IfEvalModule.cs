using EvalHarness.Core.Files;

namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>IFEval as a module: options, columns, the four metrics and per-instruction groups, report tables, the solver.</summary>
public sealed class IfEvalModule : EvalModule<IfEvalOptions>
{
    public override string Name => "ifeval";

    public override string Description => "IFEval: verifiable instructions (format, length, keywords, case, language), strict and loose";

    public override IReadOnlyList<OptionDescriptor> Options { get; } =
    [
        new("source", OptionType.Path, IfEvalEvaluator.BuiltinSource, "builtin (the project's prompt set) or a path to an official input_data.jsonl"),
        new("nltk_data", OptionType.Path, "$NLTK_DATA", "Folder with NLTK's punkt model (else the built-in sentence splitter)"),
        new("langdetect_profiles", OptionType.Path, "$LANGDETECT_PROFILES", "Folder with langdetect profiles (else the built-in detector)"),
        new("max_output_tokens", OptionType.Integer, "1024", "Per-sample output limit"),
    ];

    public override IReadOnlyList<ColumnDescriptor> Columns { get; } =
    [
        new("instruction_ids", ColumnType.List, "", "The prompt's instruction ids, in order"),
        new("strict_verdicts", ColumnType.List, "", "Strict verdict per instruction (true/false)"),
        new("loose_verdicts", ColumnType.List, "", "Loose verdict per instruction (true/false)"),
        new("prompt_strict", ColumnType.Boolean, "", "Every instruction followed, strict"),
        new("prompt_loose", ColumnType.Boolean, "", "Every instruction followed, loose"),
        new("n_instructions", ColumnType.Integer, "count", "Instructions in the prompt"),
    ];

    public override ITaskSolver Solver { get; } = new IfEvalSolver();

    public override ReportSectionSpec ReportSection { get; } = new(
        "IFEval: instruction following",
        "The four official metrics (prompt- and instruction-level, strict and loose), then strict and loose accuracy per instruction.",
        [
            new GroupTableView("The four metrics", "metric="),
            new GroupTableView("Per instruction: strict and loose", "instruction=", PivotKey: "mode"),
        ]);

    public override IfEvalOptions ParseOptions(EvalRequest request)
    {
        if (request.GetInt("max_output_tokens", 1024) is <= 0 and var n)
            throw new EvalInputException($"option 'max_output_tokens': {n} must be positive");
        return IfEvalOptions.From(request.Options);
    }

    protected override IEvaluator CreateEvaluator(IfEvalOptions options) => new IfEvalEvaluator(options);

    public override IEnumerable<SummaryGroup> SummaryGroups(IReadOnlyList<SampleResult> results) => IfEvalSummaryGroups.Build(results);

    public override string PromptSummary(EvalSample sample) => Cell.Of(sample.Labels["instruction_ids"]).Replace("|", ", ", StringComparison.Ordinal);

    public override string ExpectedAnswer(EvalSample sample) => "";
}
