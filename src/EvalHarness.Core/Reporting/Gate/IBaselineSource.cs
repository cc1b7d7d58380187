using EvalHarness.Core.RunFolders;

namespace EvalHarness.Core.Reporting.Gate;

/// <summary>
/// Where the gate's baseline samples come from: pinned run folders today (<see cref="RunFolderBaseline"/>), a history
/// database of accepted runs later. The gate pools the runs it returns per sample (mean score across runs).
/// </summary>
public interface IBaselineSource
{
    /// <summary>How the baseline is named in the verdict (folder paths, or "last 5 accepted runs").</summary>
    IReadOnlyList<string> Describe();

    Task<IReadOnlyList<GateRun>> LoadAsync(CancellationToken ct);
}

/// <summary>One or more pinned run folders (the last K accepted runs when several are given).</summary>
internal sealed class RunFolderBaseline(IReadOnlyList<string> folders) : IBaselineSource
{
    public IReadOnlyList<string> Describe() => folders;

    public Task<IReadOnlyList<GateRun>> LoadAsync(CancellationToken ct)
    {
        var runs = new List<GateRun>(folders.Count);
        foreach (var folder in folders)
        {
            ct.ThrowIfCancellationRequested();
            runs.Add(GateRun.From(RunFolderReader.ReadFolder(folder), folder));
        }
        return Task.FromResult<IReadOnlyList<GateRun>>(runs);
    }
}
