using System.Globalization;
using EvalHarness.Core.Reporting.Comparison;
using EvalHarness.Core.Reporting.Pricing;
using MathNet.Numerics.Distributions;
using EvalHarness.Core.RunFolders;

namespace EvalHarness.Core.Reporting.Gate;

/// <summary>
/// The nightly regression gate (shared/notes/statistics.md, "Regression gate"): hard guards first, then one paired
/// test per declared cell (candidate − pooled baseline), Holm across the cells, and a verdict per cell.
/// </summary>
/// <remarks>
/// Holm and the interval: cells are ranked by p ascending; the cell of rank k (1-based, m cells with a p-value) gets
/// α_k = α/(m − k + 1), the level at which Holm's step-down tests it, and its interval is the two-sided
/// (1 − α_k) interval: d̄ ± t_{1−α_k/2, df}·SE (clustered SE and df when the eval has clusters), widened for
/// continuous scores to the bootstrap percentile interval at the same level when that is wider. A cell FAILs only
/// when Holm rejects it (adjusted p ≤ α, and for continuous scores the bootstrap agrees) and that adjusted interval's
/// upper end is below −δ. With one cell α_1 = α: the plain 95% interval.
/// </remarks>
public static class GateEngine
{
    public static async Task<GateReport> RunAsync(GateRun candidate, IBaselineSource baseline, GateSettings settings, PriceTable prices, CancellationToken ct)
    {
        var runs = await baseline.LoadAsync(ct).ConfigureAwait(false);
        return Evaluate(candidate, runs, settings, prices);
    }

    public static GateReport Evaluate(GateRun candidate, IReadOnlyList<GateRun> baselines, GateSettings settings, PriceTable prices)
    {
        if (baselines.Count == 0) throw new EvalInputException("gate needs at least one baseline run");
        var notes = new List<string>();
        var guards = new List<GateGuard>();
        var baselineRecords = baselines.SelectMany(b => b.Records).ToList();
        var pairs = PairModels(candidate.Records, baselineRecords, notes);
        var cells = DeclaredCells(candidate.Records, baselineRecords, pairs, settings, guards);

        GateGuards.Check(candidate, baselines, cells, settings, prices, guards);
        if (baselines.Count > 1) notes.Add($"baseline pooled per sample over {baselines.Count} runs (mean score per sample)");
        if (guards.Count > 0 || cells.Count == 0)
        {
            if (cells.Count == 0 && guards.Count == 0) guards.Add(new GateGuard("cells", "gate", "no gate cell is present in both the candidate and the baseline"));
            return new GateReport(candidate.Source, baselines.Select(b => b.Source).ToList(), settings, guards, [], notes);
        }
        var tested = cells.Select(c => Test(c, candidate, baselines, settings)).ToList();
        return new GateReport(candidate.Source, baselines.Select(b => b.Source).ToList(), settings, guards, Decide(tested, settings), notes);
    }

    /// <summary>A declared cell: eval (and group, or all) of a candidate model against a baseline model.</summary>
    internal sealed record CellKey(string Eval, string Group, string Model, string BaselineModel);

    private static List<(string Model, string BaselineModel)> PairModels(IReadOnlyList<SampleRow> cand, IReadOnlyList<SampleRow> base_, List<string> notes)
    {
        var cm = cand.Select(r => r.Model).Distinct(StringComparer.Ordinal).ToList();
        var bm = base_.Select(r => r.Model).Distinct(StringComparer.Ordinal).ToList();
        var common = cm.Where(m => bm.Contains(m, StringComparer.Ordinal)).Select(m => (m, m)).ToList();
        if (common.Count == 0 && cm.Count == 1 && bm.Count == 1)
        {
            notes.Add($"the runs share no model name: candidate model {cm[0]} is gated against baseline model {bm[0]}");
            return [(cm[0], bm[0])];
        }
        foreach (var m in cm.Where(m => !bm.Contains(m, StringComparer.Ordinal))) notes.Add($"model {m}: not in the baseline, not gated");
        return common;
    }

    private static List<CellKey> DeclaredCells(
        IReadOnlyList<SampleRow> cand, IReadOnlyList<SampleRow> base_, List<(string Model, string BaselineModel)> pairs,
        GateSettings settings, List<GateGuard> guards)
    {
        var cells = new List<CellKey>();
        foreach (var (model, baseModel) in pairs)
        {
            var evalsC = cand.Where(r => r.Model == model).Select(r => r.Eval).Distinct(StringComparer.Ordinal).ToList();
            var evalsB = base_.Where(r => r.Model == baseModel).Select(r => r.Eval).Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
            if (settings.Cells.Count == 0)
            {
                cells.AddRange(evalsC.Where(evalsB.Contains).Select(e => new CellKey(e, Summary.AllGroup, model, baseModel)));
                continue;
            }
            foreach (var declared in settings.Cells)
            {
                var slash = declared.IndexOf('/', StringComparison.Ordinal);
                var eval = slash < 0 ? declared : declared[..slash];
                var group = slash < 0 ? Summary.AllGroup : declared[(slash + 1)..];
                if (!evalsC.Contains(eval, StringComparer.Ordinal) || !evalsB.Contains(eval))
                    guards.Add(new GateGuard("cells", $"{declared} / {model}", $"declared gate cell '{declared}' has no samples in the {(evalsC.Contains(eval, StringComparer.Ordinal) ? "baseline" : "candidate")}"));
                else cells.Add(new CellKey(eval, group, model, baseModel));
            }
        }
        return cells;
    }

    private sealed record Scored(string Id, string Group, double Score, string? Cluster);

    /// <summary>Per sample: the mean over repeats within a run, then the mean over runs (the pooled baseline).</summary>
    private static Dictionary<string, Scored> Pool(IEnumerable<IReadOnlyList<SampleRow>> runs, string model, string eval)
    {
        var perRun = runs.Select(records => records
            .Where(r => r.Model == model && r.Eval == eval && !r.IsError && r.Score is not null)
            .GroupBy(r => r.SampleId, StringComparer.Ordinal)
            .Select(g => new Scored(g.Key, g.First().Group, g.Average(r => r.Score!.Value), g.First().Cluster))
            .ToList()).ToList();
        return perRun.SelectMany(x => x).GroupBy(s => s.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First() with { Score = g.Average(s => s.Score) }, StringComparer.Ordinal);
    }

    internal sealed record Tested(CellKey Key, double Delta, CellResult Result, PairedTResult T, double[] Differences, IReadOnlyList<string>? Clusters);

    private static Tested Test(CellKey key, GateRun candidate, IReadOnlyList<GateRun> baselines, GateSettings settings)
    {
        var a = Pool(baselines.Select(b => b.Records), key.BaselineModel, key.Eval);
        var b = Pool([candidate.Records], key.Model, key.Eval);
        bool InCell(Scored s) => key.Group == Summary.AllGroup || s.Group == key.Group;
        // Baseline order is first-seen order (the run's plan order), so the bootstrap is reproducible.
        var pairs = a.Values.Where(InCell).Where(s => b.ContainsKey(s.Id)).Select(s => (A: s, B: b[s.Id])).ToList();
        var clusters = key.Group == Summary.AllGroup && pairs.Count > 0 && pairs.All(p => p.A.Cluster is not null) ? pairs.Select(p => p.A.Cluster!).ToList() : null;
        var sa = pairs.Select(p => p.A.Score).ToList();
        var sb = pairs.Select(p => p.B.Score).ToList();
        var options = new ComparisonOptions { Alpha = settings.Alpha, BootstrapReplicates = settings.BootstrapReplicates, Seed = settings.Seed };
        var result = CellTest.Run(sa, sb, clusters, a.Values.Where(InCell).Select(s => s.Score).ToList(), b.Values.Where(InCell).Select(s => s.Score).ToList(), options);
        var t = PairedStatistics.PairedT(sa, sb, clusters);
        return new Tested(key, settings.DeltaFor(key.Eval), result, t, PairedStatistics.Differences(sa, sb), t.Clusters > 0 ? clusters : null);
    }

    private static List<GateCell> Decide(List<Tested> tested, GateSettings settings)
    {
        var p = tested.Select(x => x.Result.Method is "welch" or "none" ? double.NaN : x.Result.PValue).ToList();
        var holm = PairedStatistics.Holm(p, settings.Alpha);
        var order = Enumerable.Range(0, p.Count).Where(i => !double.IsNaN(p[i])).OrderBy(i => p[i]).ThenBy(i => i).ToList();
        var m = order.Count;
        var cells = new List<GateCell>(tested.Count);
        for (var i = 0; i < tested.Count; i++)
        {
            var x = tested[i];
            var r = x.Result;
            var rank = order.IndexOf(i) + 1;
            var warnings = new List<string>(r.Warnings);
            double level = double.NaN, low = double.NaN, high = double.NaN;
            var (pHolm, reject) = holm[i];
            if (rank > 0)
            {
                var alphaK = settings.Alpha / (m - rank + 1);
                level = 1 - alphaK;
                (low, high) = Interval(x.T, alphaK);
                if (r.Bootstrap is not null)
                {
                    var boot = PairedBootstrap.Run(x.Differences, x.Clusters, settings.BootstrapReplicates, settings.Seed, level);
                    if (reject && !boot.ExcludesZero)
                    {
                        reject = false;
                        warnings.Add("paired t is significant but the bootstrap interval includes 0: not significant (conservative)");
                    }
                    (low, high) = (Math.Min(low, boot.Low), Math.Max(high, boot.High));
                }
            }
            var mde = Mde(x.T);
            var underpowered = !(mde <= x.Delta);
            GateVerdict verdict;
            string reason;
            if (reject && r.Diff < 0 && high < -x.Delta)
                (verdict, reason) = (GateVerdict.Fail, $"significant drop: the upper end of the {Pct(level)} interval ({Signed(high)}) is below −δ ({Signed(-x.Delta)})");
            else if (reject && r.Diff < 0)
                (verdict, reason) = (GateVerdict.Warn, $"significant drop, but the {Pct(level)} interval reaches {Signed(high)} (not entirely below −δ = {Signed(-x.Delta)})");
            else if (r.Diff < -x.Delta)
                (verdict, reason) = (GateVerdict.Warn, $"inconclusive: the point estimate {Signed(r.Diff)} is below −δ but not significant after Holm");
            else
                (verdict, reason) = (GateVerdict.Pass, reject ? "significant improvement" : "no drop beyond the margin");
            if (underpowered) warnings.Add($"UNDERPOWERED: MDE {Fmt(mde)} > δ {Fmt(x.Delta)}: a drop of δ would likely go unnoticed");
            cells.Add(new GateCell(
                x.Key.Eval, x.Key.Group, x.Key.Model, x.Key.BaselineModel, x.Delta, r.NPaired, r.MeanA, r.MeanB, r.Diff,
                r.Low, r.High, p[i], pHolm, rank, level, low, high, mde, r.Method, reject, verdict, underpowered, reason,
                string.Join("; ", warnings)));
        }
        return cells;
    }

    /// <summary>d̄ ± t_{1−α/2, df}·SE; a zero SE (every pair differs by the same amount) gives the point.</summary>
    internal static (double Low, double High) Interval(PairedTResult t, double alpha)
    {
        if (t.N < 2 || double.IsNaN(t.Se)) return (double.NaN, double.NaN);
        if (t.Se == 0) return (t.Diff, t.Diff);
        var q = StudentT.InvCDF(0, 1, t.Df, 1 - alpha / 2);
        return (t.Diff - q * t.Se, t.Diff + q * t.Se);
    }

    /// <summary>
    /// (1.96 + 0.84)·SE. When no pair differs (SE = 0) the plug-in MDE would be 0 however few samples there are, so
    /// the gate assumes one discordant pair instead: sd(d) = √(1/n), MDE = 2.8/n.
    /// </summary>
    internal static double Mde(PairedTResult t) =>
        t.N < 2 ? double.NaN : t.Se > 0 ? t.Mde : (1.96 + 0.84) / t.N;

    public static string Pct(double level) => double.IsFinite(level) ? (100 * level).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "-";

    public static string Signed(double v) => double.IsFinite(v) ? v.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture) : "-";

    public static string Fmt(double v) => double.IsFinite(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-";
}
