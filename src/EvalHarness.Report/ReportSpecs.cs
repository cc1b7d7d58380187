using EvalHarness.Core.Evaluators;

namespace EvalHarness.Report;

/// <summary>
/// Where the report finds an eval's section. The built-in evals' specs live here until the eval modules declare their
/// own; <see cref="For"/> is the one lookup to redirect to them. An eval without a spec gets <see cref="Default"/>.
/// </summary>
public static class ReportSpecs
{
    /// <summary>The eval's section spec, or null when it declares none (the report then draws <see cref="Default"/>).</summary>
    public static Func<string, ReportSectionSpec?> For { get; set; } = BuiltIn;

    public static ReportSectionSpec? BuiltIn(string eval) => eval switch
    {
        "niah" => new ReportSectionSpec("NIAH: score by needle depth and context length",
            "Rows: target needle depth (0% = start of the context, on top). Columns: target context length in tokens, ascending. Each cell: mean score.",
            [new HeatmapView("Mean score by depth and context length", "depth_percent_target", "depth %", "context_tokens_target", "context tokens")]),
        "mrcr" => new ReportSectionSpec("OpenAI-MRCR: score by context bin and needle count",
            "Mean SequenceMatcher ratio with its 95% interval against the upper edge of the context bin, one line per model and needle count.",
            [new LineView("Mean score by context bin", "bin_hi", "context bin upper edge (tokens)", "mean score", "n_needles", LogX: true)]),
        "graphwalks" => new ReportSectionSpec("Graphwalks: F1 by token target and problem type",
            "Mean F1 with its 95% interval against the prompt's token target, one line per model and problem type.",
            [new LineView("Mean F1 by token target", "token_target", "token target", "mean F1", "problem_type", LogX: true)]),
        "ifeval" => new ReportSectionSpec("IFEval: instruction following",
            "The four IFEval metrics (prompt- and instruction-level, strict and loose), then strict and loose accuracy per instruction.",
            [new GroupTableView("The four metrics", "metric="), new GroupTableView("Per instruction: strict and loose", "instruction=", "mode")]),
        _ => null,
    };

    /// <summary>The section of an eval that declares none: mean score per summary group, per model.</summary>
    public static ReportSectionSpec Default(string eval) =>
        new($"{eval}: score per group", "Mean score with its 95% interval per group of the eval, per model.", [new GroupTableView("Score per group", "")]);

    /// <summary>Older or renamed names of a per-sample column, tried in order when the named one is empty.</summary>
    public static IReadOnlyList<string> Aliases(string column) => column switch
    {
        "token_target" => ["bin"],
        "context_tokens_target" => ["context_tokens"],
        "depth_percent_target" => ["depth_percent"],
        _ => [],
    };
}
