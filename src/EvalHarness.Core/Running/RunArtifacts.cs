using EvalHarness.Core.Evaluators;

namespace EvalHarness.Core.Running;

/// <summary>Per-eval extras written beside the contract's files, each by its module (e.g. NIAH's heatmap CSV per model).</summary>
internal static class RunArtifacts
{
    public static void Write(string runDirectory, IReadOnlyList<SampleResult> results, IEnumerable<IEvalModule> modules)
    {
        foreach (var module in modules)
        {
            var rows = results.Where(r => string.Equals(r.Eval, module.Name, StringComparison.Ordinal)).ToList();
            if (rows.Count > 0) module.WriteArtifacts(runDirectory, rows);
        }
    }
}
