using System.Globalization;
using EvalHarness.Core.Reporting.Comparison;
using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Core.RunFolders;

namespace EvalHarness.Core.Reporting.Gate;

/// <summary>
/// Hard limits checked before any statistics: a tripped guard means the runs cannot be compared fairly (unlike
/// datasets or prompts, a broken night, a blown budget), so the gate gives no statistical verdict.
/// </summary>
internal static class GateGuards
{
    public static void Check(
        GateRun candidate, IReadOnlyList<GateRun> baselines, IReadOnlyList<GateEngine.CellKey> cells, GateSettings s,
        PriceTable prices, List<GateGuard> guards)
    {
        if (candidate.Status == "cancelled")
            guards.Add(new GateGuard("incomplete", candidate.RunId, "the candidate run was cancelled before it finished"));
        foreach (var eval in cells.Select(c => c.Eval).Distinct(StringComparer.Ordinal))
        {
            foreach (var b in baselines) Facts(candidate, b, eval, guards);
        }
        foreach (var model in cells.Select(c => c.Model).Distinct(StringComparer.Ordinal))
        {
            var evals = cells.Where(c => c.Model == model).Select(c => c.Eval).ToHashSet(StringComparer.Ordinal);
            var rows = candidate.Records.Where(r => r.Model == model && evals.Contains(r.Eval)).ToList();
            var errors = rows.Count(r => r.IsError);
            if (rows.Count > 0 && (double)errors / rows.Count > s.MaxErrorRate)
                guards.Add(new GateGuard("error_rate", model, $"{errors} of {rows.Count} candidate samples errored ({P(errors, rows.Count)}), above the limit {Pct(s.MaxErrorRate)}"));
            var ttft = rows.Where(r => !r.IsError && r.TtftMs is not null).Select(r => r.TtftMs!.Value).ToList();
            if (s.MaxTtftP95Ms is { } maxTtft && Statistics.Percentile(ttft, 95) is { } p95 && p95 > maxTtft)
                guards.Add(new GateGuard("ttft_p95", model, $"TTFT p95 {p95.ToString("0", CultureInfo.InvariantCulture)} ms is over the budget of {maxTtft.ToString("0", CultureInfo.InvariantCulture)} ms"));
        }
        foreach (var cell in cells.DistinctBy(c => (c.Eval, c.Model)))
        {
            var candIds = Ids(candidate.Records, cell.Model, cell.Eval);
            var baseIds = baselines.SelectMany(b => Ids(b.Records, cell.BaselineModel, cell.Eval)).ToHashSet(StringComparer.Ordinal);
            if (baseIds.Count == 0) continue;
            var missing = baseIds.Count(id => !candIds.Contains(id));
            var subject = $"{cell.Eval} / {cell.Model}";
            if ((double)missing / baseIds.Count > s.MaxMissingFraction)
                guards.Add(new GateGuard("missing_samples", subject, $"{missing} of {baseIds.Count} baseline samples have no candidate row ({P(missing, baseIds.Count)}), above the limit {Pct(s.MaxMissingFraction)}"));
            var shared = candIds.Count(baseIds.Contains);
            var union = candIds.Count + baseIds.Count - shared;
            if ((double)shared / union < s.MinOverlap)
                guards.Add(new GateGuard("overlap", subject, $"the sample sets overlap on {shared} of {union} ids ({P(shared, union)}), below {Pct(s.MinOverlap)}"));
        }
        if (s.MaxCostUsd is { } maxCost)
        {
            var cost = candidate.Records.Select(r => ComparisonEngine.RecordCost(r, new ComparisonOptions { Prices = prices })).Sum(c => c ?? 0);
            if (cost > maxCost)
                guards.Add(new GateGuard("cost", candidate.RunId, $"the candidate cost {cost.ToString("0.####", CultureInfo.InvariantCulture)} USD, over the budget of {maxCost.ToString("0.####", CultureInfo.InvariantCulture)} USD"));
        }
    }

    /// <summary>Refuse to compare unlike with like: same prompts (samples_sha256), dataset version and dataset files.</summary>
    private static void Facts(GateRun candidate, GateRun baseline, string eval, List<GateGuard> guards)
    {
        if (candidate.Evals is null || baseline.Evals is null)
        {
            var which = candidate.Evals is null ? candidate : baseline;
            guards.Add(new GateGuard("manifest", eval, $"{which.Source}: no manifest.json, so the dataset version and prompts cannot be checked"));
            return;
        }
        if (!candidate.Evals.TryGetValue(eval, out var c) || !baseline.Evals.TryGetValue(eval, out var b))
        {
            guards.Add(new GateGuard("manifest", eval, $"the manifest of {(candidate.Evals.ContainsKey(eval) ? baseline.Source : candidate.Source)} does not describe eval '{eval}'"));
            return;
        }
        if (!string.Equals(c.DatasetVersion, b.DatasetVersion, StringComparison.Ordinal))
            guards.Add(new GateGuard("dataset_version", eval, $"dataset version {c.DatasetVersion ?? "(none)"} in the candidate vs {b.DatasetVersion ?? "(none)"} in baseline {baseline.RunId}"));
        if (!c.FileSha256.SequenceEqual(b.FileSha256, StringComparer.Ordinal))
            guards.Add(new GateGuard("dataset_files", eval, $"the dataset files differ (sha256) between the candidate and baseline {baseline.RunId}"));
        if (!string.Equals(c.SamplesSha256, b.SamplesSha256, StringComparison.Ordinal))
            guards.Add(new GateGuard("prompt_hash", eval, $"the prompts differ: samples_sha256 {Short(c.SamplesSha256)} in the candidate vs {Short(b.SamplesSha256)} in baseline {baseline.RunId} (other seed, options or dataset)"));
    }

    private static HashSet<string> Ids(IReadOnlyList<SampleRow> records, string model, string eval) =>
        records.Where(r => r.Model == model && r.Eval == eval).Select(r => r.SampleId).ToHashSet(StringComparer.Ordinal);

    private static string Short(string? hash) => hash is null ? "(none)" : hash[..Math.Min(12, hash.Length)];

    private static string P(int k, int n) => Pct((double)k / n);

    private static string Pct(double f) => (100 * f).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
