using EvalHarness.Core.Reporting.Gate;
using EvalHarness.Core.RunFolders;

namespace EvalHarness.Core.History;

/// <summary>One run as the history stores it, read from its run folder (<see cref="From"/>).</summary>
public sealed partial record RecordedRun(
    string RunId, string? StartedUtc, string? FinishedUtc, string? Suite, string? Seed, string Status, string? GitCommit,
    string? HarnessVersion, string? CommandLine, string RunDir,
    IReadOnlyList<RecordedModel> Models, IReadOnlyList<EvalFacts> Evals, IReadOnlyList<RecordedCell> Cells,
    IReadOnlyList<SampleRow> Samples);

/// <param name="BaseUrlHost">The endpoint's host only (or "simulator"): never a path, query or key.</param>
public sealed record RecordedModel(string Model, string? ServedModel, string? BaseUrlHost);

/// <summary>One summary.csv row.</summary>
public sealed record RecordedCell(
    string Model, string Eval, string Group, long? N, long? NErrors, double? Mean, double? Ci95Low, double? Ci95High,
    double? TtftP50Ms, double? TtftP95Ms, double? LatencyP50Ms, double? LatencyP95Ms, long? PromptTokens, long? CompletionTokens,
    double? CostUsd, long? NLength);

/// <summary>A run as <c>history list</c> shows it.</summary>
public sealed record HistoryRunRow(
    string RunId, string? StartedUtc, string? Suite, string Status, IReadOnlyList<string> Models,
    IReadOnlyList<(string Model, string Eval, double? Mean)> EvalMeans, bool Accepted, string? AcceptedUtc, string? GateVerdict, string? RunDir);

/// <summary>One summary cell of one run, for the trend page.</summary>
public sealed record HistoryCell(
    string RunId, string? StartedUtc, string Model, string? ServedModel, string Eval, string Group, long? N, long? NErrors,
    double? Mean, double? Ci95Low, double? Ci95High, double? TtftP50Ms, double? TtftP95Ms, double? CostUsd, string? GateVerdict,
    bool Accepted);
