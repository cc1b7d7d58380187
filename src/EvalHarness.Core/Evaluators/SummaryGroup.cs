namespace EvalHarness.Core.Evaluators;

/// <summary>
/// An evaluator-defined summary row beyond the per-sample groups: its own score list (e.g. one value per IFEval
/// instruction) with clusters (the prompt each value came from) for an honest interval.
/// </summary>
public sealed record SummaryGroup(string Group, IReadOnlyList<double> Scores, IReadOnlyList<string> Clusters);
