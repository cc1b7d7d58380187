using EvalHarness.Core.RunFolders;

namespace EvalHarness.Core.Tests.RunFolders;

/// <summary>Builds <see cref="SampleRow"/>s for tests that feed the gate or the comparison without files.</summary>
internal static class Rows
{
    /// <summary>A row with the core columns the statistics read; <paramref name="score"/> null = an errored sample.</summary>
    public static SampleRow Row(
        string runId, string model, string eval, string sampleId, string group, double? score,
        double? ttftMs = 100, double? latencyMs = 200, long? promptTokens = 1000, long? cachedTokens = 0, long? completionTokens = 10,
        double? costUsd = null, string? cluster = null) =>
        new(runId, model, eval, sampleId, group, score, score is null ? null : score >= 1, score is null ? "unknown" : "", "",
            promptTokens, cachedTokens, completionTokens, null, ttftMs, latencyMs, costUsd, cluster, "", null, "",
            new Dictionary<string, string>(StringComparer.Ordinal));
}
