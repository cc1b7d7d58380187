namespace EvalHarness.Core.Reporting.Trend;

/// <summary>
/// One run's summary cell of one (model, eval, group): a point of the trend page. <see cref="ServedModel"/> is the id
/// the endpoint reported (several joined by "+", ordinal order); <see cref="GateVerdict"/> is PASS, WARN or FAIL
/// for the matching gate cell, GUARD when the gate tripped a guard that night, null when the run was not gated.
/// </summary>
public sealed record TrendPoint(
    string RunId, DateTimeOffset StartedUtc, string Model, string? ServedModel, string Eval, string Group,
    int N, int NErrors, double? Mean, double? Ci95Low, double? Ci95High, double? TtftP50Ms, double? TtftP95Ms, double? CostUsd,
    string? GateVerdict, bool Underpowered = false, string? Suite = null);

/// <summary>
/// Where the trend page's points come from: run folders today (<see cref="RunFolderTrendSource"/>), the history
/// database later. A source returns points in any order; <see cref="TrendSeries.Build"/> orders them.
/// </summary>
internal interface ITrendSource
{
    Task<IReadOnlyList<TrendPoint>> LoadAsync(CancellationToken ct);
}
