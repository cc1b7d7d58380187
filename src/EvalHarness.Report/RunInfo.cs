using EvalHarness.Core.RunFolders;

namespace EvalHarness.Report;

/// <summary>What the report shows about one input: its samples.csv and, when present beside it, its manifest.json.</summary>
public sealed record RunInfo(string Source, string? RunId, string? HarnessVersion, string? GitCommit, string? Suite, string? Seed, string? StartedUtc, string? FinishedUtc, string? Status)
{
    /// <summary>The gate's verdict on this run (<c>gate/gate.json</c> in its folder), null when it was not gated.</summary>
    public GateVerdictInfo? Gate { get; init; }

    public static RunInfo From(RunFolder folder)
    {
        if (folder.Manifest is null) return new RunInfo(folder.SamplesFile, null, null, null, null, null, null, null, null);
        var runId = folder.ManifestText("run_id");
        return new RunInfo(folder.SamplesFile, runId, folder.ManifestText("harness_version"), folder.ManifestText("git_commit"), folder.ManifestText("suite"),
            folder.ManifestText("seed"), folder.ManifestText("started_utc"), folder.ManifestText("finished_utc"), folder.ManifestText("status"))
        {
            Gate = GateVerdictInfo.Read(folder.Directory, runId),
        };
    }
}
