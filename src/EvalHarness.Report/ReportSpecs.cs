using EvalHarness.Core.Evaluators;

namespace EvalHarness.Report;

/// <summary>
/// Where the report finds an eval's section: the eval's module declares it. An eval without a spec gets
/// <see cref="Default"/>.
/// </summary>
public static class ReportSpecs
{
    /// <summary>
    /// The eval's section spec as its module declares it (<see cref="IEvalModule.ReportSection"/>), or null when it
    /// declares none or the eval is unknown to the current catalog (the report then draws <see cref="Default"/>).
    /// </summary>
    public static ReportSectionSpec? For(string eval) => EvalCatalog.Current.TryFind(eval)?.ReportSection;

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
