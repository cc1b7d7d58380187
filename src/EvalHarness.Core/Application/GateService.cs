using EvalHarness.Core.Evaluators;
using EvalHarness.Core.History;
using EvalHarness.Core.Reporting.Gate;
using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Core.RunFolders;
using Microsoft.Extensions.Configuration;

namespace EvalHarness.Core.Application;

/// <summary><c>gate</c>: a candidate run folder against pinned baseline folders or the last K accepted runs in the history.</summary>
public sealed record GateRequest
{
    public required string Candidate { get; init; }

    public IReadOnlyList<string> Baselines { get; init; } = [];

    /// <summary><c>--baseline-history [K]</c>: null when not given.</summary>
    public int? HistoryRuns { get; init; }

    public IReadOnlyList<string> Deltas { get; init; } = [];

    /// <summary>Folder for gate.md, gate.junit.xml and gate.json (default: CANDIDATE/gate).</summary>
    public string? Out { get; init; }

    /// <summary>The history database path, resolved (--db, History:Path).</summary>
    public required string HistoryDb { get; init; }
}

/// <param name="HistoryNote">What recording the verdict in the history did (null when there is no history).</param>
public sealed record GateResult(GateReport Report, string OutDirectory, string? HistoryNote);

/// <summary>Reads the runs (each folder once), gates, writes the verdict files and records the verdict in the history.</summary>
public static class GateService
{
    public const string DefaultFolder = "gate";

    public static async Task<GateResult> GateAsync(GateRequest request, IConfiguration config, CancellationToken ct)
    {
        var useHistory = request.HistoryRuns is not null;
        if (useHistory == request.Baselines.Count > 0) throw new EvalInputException("gate: give either --baseline RUN (repeatable) or --baseline-history [K]");
        var candidate = GateRun.From(RunFolderReader.ReadFolder(request.Candidate), request.Candidate);
        var settings = GateSettings.FromConfiguration(config, candidate.Suite).WithDeltas(request.Deltas);
        HistoryStore? store = useHistory ? await HistoryStore.OpenAsync(request.HistoryDb, create: false, ct).ConfigureAwait(false) : null;
        await using var _ = store;
        IBaselineSource source = store is not null
            ? new HistoryBaseline(store, candidate.Suite, request.HistoryRuns ?? 1, candidate.RunId)
            : new RunFolderBaseline(request.Baselines);
        var baselines = await source.LoadAsync(ct).ConfigureAwait(false);
        var report = GateEngine.Evaluate(candidate, baselines, settings, PriceTable.FromConfiguration(config));
        var runFolderOut = Path.Combine(request.Candidate, DefaultFolder);
        var outDir = request.Out ?? runFolderOut;
        WriteOutputs(report, outDir, runFolderOut, candidate.RunId, baselines.Select(b => b.RunId).ToList());
        var note = await RecordVerdictAsync(store, request.HistoryDb, candidate.RunId, report.Outcome, ct).ConfigureAwait(false);
        return new GateResult(report, outDir, note);
    }

    /// <summary>
    /// gate.md, gate.junit.xml and gate.json into <paramref name="outDir"/>; gate.json also into the candidate's own
    /// <c>gate/</c> folder, so the verdict stays with the night it judged (the trend page and the report read it there).
    /// </summary>
    public static void WriteOutputs(GateReport report, string outDir, string runFolderOut, string candidateRunId, IReadOnlyList<string> baselineIds)
    {
        Directory.CreateDirectory(outDir);
        GateMarkdown.Write(Path.Combine(outDir, GateMarkdown.FileName), report);
        GateJUnit.Write(Path.Combine(outDir, GateJUnit.FileName), report);
        GateJson.Write(Path.Combine(outDir, GateJson.FileName), report, candidateRunId, baselineIds);
        if (!SamePath(outDir, runFolderOut)) GateJson.Write(Path.Combine(runFolderOut, GateJson.FileName), report, candidateRunId, baselineIds);
    }

    /// <summary>
    /// The verdict onto the candidate's history entry, when the history exists and holds the run. A failure is a
    /// warning line; the gate's verdict stands.
    /// </summary>
    private static async Task<string?> RecordVerdictAsync(HistoryStore? open, string path, string runId, string verdict, CancellationToken ct)
    {
        if (open is null && !File.Exists(path)) return null;
        try
        {
            var store = open ?? await HistoryStore.OpenAsync(path, create: false, ct).ConfigureAwait(false);
            try
            {
                return await store.SetGateVerdictAsync(runId, verdict, ct).ConfigureAwait(false) ? $"gate verdict {verdict} recorded for {runId} in {path}" : null;
            }
            finally
            {
                if (open is null) await store.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return $"warning: gate verdict not recorded in history: {ex.Message.ReplaceLineEndings(" ").Trim()}";
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
}
