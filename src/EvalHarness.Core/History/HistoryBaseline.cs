using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting.Gate;

namespace EvalHarness.Core.History;

/// <summary>
/// The gate's baseline from the history: the last <c>K</c> accepted runs of the candidate's suite (the candidate itself
/// excluded), pooled per sample by the gate exactly as pinned run folders are.
/// </summary>
internal sealed class HistoryBaseline(HistoryStore store, string? suite, int k, string? candidateRunId) : IBaselineSource
{
    private IReadOnlyList<GateRun>? _runs;

    public IReadOnlyList<string> Describe() =>
        _runs?.Select(r => r.Source).ToList() ?? [$"last {k} accepted run{(k == 1 ? "" : "s")} of suite {suite ?? "(none)"} in {store.Path}"];

    public async Task<IReadOnlyList<GateRun>> LoadAsync(CancellationToken ct)
    {
        if (k < 1) throw new EvalInputException($"--baseline-history {k}: expected at least 1 run");
        _runs = await store.LoadAcceptedAsync(suite, k, candidateRunId, ct).ConfigureAwait(false);
        if (_runs.Count == 0)
            throw new EvalInputException($"{store.Path}: no accepted run of suite '{suite ?? "(none)"}' to gate against (mark one with `evalharness history accept RUN_ID`)");
        return _runs;
    }
}
