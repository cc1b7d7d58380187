namespace EvalHarness.Core.Evaluators;

/// <summary>
/// The evals of the catalog in force (<see cref="EvalCatalog.Current"/>), for callers that name an eval by string.
/// Registration itself is one line in <see cref="EvalCatalog"/>.
/// </summary>
public static class EvaluatorRegistry
{
    public static IReadOnlyList<string> Names => EvalCatalog.Current.Names;

    /// <summary>The registered module for a user-typed name (case-insensitive).</summary>
    public static IEvalModule Find(string name) => EvalCatalog.Current.Find(name);

    public static IEvaluator Create(string name, IReadOnlyDictionary<string, string>? options = null) =>
        Find(name).Create(options ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    /// <summary>Extra summary rows an eval defines for one model's results (none for most).</summary>
    public static IEnumerable<SummaryGroup> SummaryGroups(string eval, IReadOnlyList<SampleResult> results) =>
        EvalCatalog.Current.TryFind(eval)?.SummaryGroups(results) ?? [];
}
