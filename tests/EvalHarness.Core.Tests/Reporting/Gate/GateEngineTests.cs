using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Comparison;
using EvalHarness.Core.RunFolders;
using EvalHarness.Core.Tests.RunFolders;
using EvalHarness.Core.Reporting.Gate;
using EvalHarness.Core.Reporting.Pricing;
using Microsoft.Extensions.Configuration;

namespace EvalHarness.Core.Tests.Reporting.Gate;

/// <summary>
/// The gate's statistics on a small fixed table against values computed independently in Python
/// (gate_reference.py, which reuses ../Comparison/make_reference.py): p, Holm, Holm-adjusted interval, MDE, verdicts.
/// </summary>
public sealed class GateEngineTests
{
    private static readonly double[] MrcrA = [0.90, 0.85, 0.80, 0.95, 0.70, 0.88, 0.92, 0.75, 0.83, 0.91];
    private static readonly double[] MrcrB = [0.80, 0.82, 0.70, 0.90, 0.65, 0.80, 0.85, 0.70, 0.81, 0.83];

    // niah: 20 both pass, 6 baseline pass & candidate fail, 4 both fail.
    private static readonly double[] NiahA = [.. Enumerable.Repeat(1.0, 26), .. Enumerable.Repeat(0.0, 4)];
    private static readonly double[] NiahB = [.. Enumerable.Repeat(1.0, 20), .. Enumerable.Repeat(0.0, 10)];

    private static GateRun Run(string id, string model, IEnumerable<(string Eval, double[] Scores)> evals, string niahHash = "h-niah", double errorEvery = 0)
    {
        var records = new List<SampleRow>();
        foreach (var (eval, scores) in evals)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                var error = errorEvery > 0 && i % (int)errorEvery == 0;
                records.Add(Rows.Row(id, model, eval, $"{eval}-{i:D3}", "g", error ? null : scores[i]));
            }
        }
        var facts = new Dictionary<string, EvalFacts>(StringComparer.Ordinal)
        {
            ["mrcr"] = new("mrcr", "h-mrcr", "v1", []),
            ["niah"] = new("niah", niahHash, null, []),
        };
        return new GateRun(id, id, "default", "completed", records, facts);
    }

    private static GateReport Gate(GateRun candidate, GateSettings? settings = null, params GateRun[] baselines) =>
        GateEngine.Evaluate(candidate, baselines, settings ?? new GateSettings(), PriceTable.Empty);

    [Fact]
    public void FixedTableMatchesTheHandComputedReference()
    {
        var baseline = Run("base", "m", [("mrcr", MrcrA), ("niah", NiahA)]);
        var candidate = Run("cand", "m", [("mrcr", MrcrB), ("niah", NiahB)]);
        var settings = new GateSettings().WithDeltas(["mrcr=0.05"]);
        var report = Gate(candidate, settings, baseline);

        Assert.Empty(report.Guards);
        Assert.True(report.Regression);
        var mrcr = Assert.Single(report.Cells, c => c.Eval == "mrcr");
        var niah = Assert.Single(report.Cells, c => c.Eval == "niah");

        // mrcr: paired t, rank 1 of 2 -> interval at 1 − 0.05/2 = 97.5% (the bootstrap's 97.5% interval, −0.082..−0.045, is narrower).
        Assert.Equal(-0.063, mrcr.Diff, 12);
        Assert.Equal(4.855337615637003e-05, mrcr.PValue, 1e-15);
        Assert.Equal(9.710675231274006e-05, mrcr.PHolm, 1e-15);
        Assert.Equal(-0.08267773353842886, mrcr.Ci95Low, 12);
        Assert.Equal(-0.04332226646157115, mrcr.Ci95High, 12);
        Assert.Equal(1, mrcr.HolmRank);
        Assert.Equal(0.975, mrcr.CiLevel, 12);
        Assert.Equal(-0.08635599350050932, mrcr.Low, 10);
        Assert.Equal(-0.03964400649949069, mrcr.High, 10);
        Assert.Equal(0.02435624492130648, mrcr.Mde, 12);
        Assert.Equal(GateVerdict.Warn, mrcr.Verdict); // significant, but −0.0396 is not below −δ = −0.05
        Assert.False(mrcr.Underpowered);               // MDE 0.024 ≤ 0.05

        // niah: McNemar exact (b = 6, c = 0): p = 2/2^6; rank 2 -> Holm level α, interval = paired t 95%.
        Assert.Equal("mcnemar_exact", niah.Method);
        Assert.Equal(0.03125, niah.PValue, 15);
        Assert.Equal(0.03125, niah.PHolm, 15);
        Assert.Equal(0.95, niah.CiLevel, 12);
        Assert.Equal(-0.3519158440182251, niah.Low, 10);
        Assert.Equal(-0.0480841559817749, niah.High, 10);
        Assert.Equal(0.20797877875829815, niah.Mde, 12);
        Assert.Equal(GateVerdict.Fail, niah.Verdict); // −0.048 < −0.02
        Assert.True(niah.Underpowered);               // MDE 0.208 > 0.02
    }

    [Fact]
    public void TheBootstrapAtAnAdjustedLevelMatchesTheReference()
    {
        var d = MrcrA.Zip(MrcrB, (a, b) => b - a).ToList();
        var boot = PairedBootstrap.Run(d, null, 10_000, PairedBootstrap.DefaultSeed, 0.975);
        Assert.Equal(-0.082, boot.Low, 12);
        Assert.Equal(-0.04499999999999997, boot.High, 12);
    }

    [Fact]
    public void AGuardTripsBeforeAnyStatistics()
    {
        var baseline = Run("base", "m", [("mrcr", MrcrA), ("niah", NiahA)]);
        var report = Gate(Run("cand", "m", [("mrcr", MrcrB), ("niah", NiahB)], niahHash: "other"), null, baseline);
        Assert.True(report.GuardTripped);
        Assert.Empty(report.Cells);
        Assert.Contains(report.Guards, g => g.Name == "prompt_hash" && g.Subject == "niah");

        // Every 3rd sample errored: 34% of the candidate's rows, over the 10% limit.
        report = Gate(Run("cand", "m", [("mrcr", MrcrB), ("niah", NiahB)], errorEvery: 3), null, baseline);
        Assert.Contains(report.Guards, g => g.Name == "error_rate" && g.Subject == "m");
    }

    [Fact]
    public void SeveralBaselinesArePooledPerSample()
    {
        var b1 = Run("b1", "m", [("mrcr", MrcrA)]);
        var b2 = Run("b2", "m", [("mrcr", MrcrB)]);
        var report = Gate(Run("cand", "m", [("mrcr", MrcrA)]), null, b1, b2);
        var cell = Assert.Single(report.Cells);
        Assert.Equal(MrcrA.Zip(MrcrB, (a, b) => (a + b) / 2).Average(), cell.MeanBaseline, 12);
        Assert.Equal(GateVerdict.Pass, cell.Verdict);
    }

    [Fact]
    public void SettingsOverlaySuiteOverGlobalAndCommandLineOverBoth()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gate:Deltas:niah"] = "0.03",
            ["Gate:MaxErrorRate"] = "0.2",
            ["Suites:nightly:Gate:Deltas:niah"] = "0.04",
            ["Suites:nightly:Gate:Cells:0"] = "niah",
        }).Build();
        var s = GateSettings.FromConfiguration(config, "nightly");
        Assert.Equal(0.04, s.DeltaFor("niah"));
        Assert.Equal(GateSettings.DefaultDelta, s.DeltaFor("mrcr"));
        Assert.Equal(0.2, s.MaxErrorRate);
        Assert.Equal(["niah"], s.Cells);
        Assert.Equal(0.05, s.WithDeltas(["niah=0.05"]).DeltaFor("niah"));
        Assert.Throws<EvalInputException>(() => s.WithDeltas(["niah=-1"]));
    }
}
