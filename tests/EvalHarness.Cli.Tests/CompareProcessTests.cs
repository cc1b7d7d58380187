using System.Globalization;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Files;

namespace EvalHarness.Cli.Tests;

/// <summary>`evalharness compare` on real simulator runs: a real difference is found, a non-difference is not.</summary>
public sealed class CompareProcessTests
{
    private static async Task<string> RunAsync(string work, CancellationToken ct, params string[] extra)
    {
        // 3 lengths x 11 depths, one sample per cell: 33 independent cells (a cell is the clustering unit).
        string[] args = ["run", "--evals", "niah", "--plain", "-o", "niah.context_lengths=2000,12000,24000", "-o", "niah.depths=0,10,20,30,40,50,60,70,80,90,100", .. extra];
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, args);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        var outIndex = Array.IndexOf(args, "--out");
        return args[outIndex + 1];
    }

    [Fact]
    public async Task OracleVersusWindowIsSignificantWithTheRightSignAndTheSameModelTwiceIsNot()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var both = await RunAsync(work, ct, "--models", "sim-oracle,sim-window-8k", "--out", Path.Combine(work, "both"));
        var again = await RunAsync(work, ct, "--models", "sim-oracle", "--out", Path.Combine(work, "again"));

        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, "compare", both, "--baseline", "sim-oracle", "--out", Path.Combine(work, "cmp1"));
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        var (_, rows) = CsvTable.Read(Path.Combine(work, "cmp1", "compare.csv"));
        var all = Assert.Single(rows, r => r["eval"] == "niah" && r["group"] == "all");
        Assert.Equal("33", all["n_paired"]);
        // The 8K window hides the first 4K tokens of the 12K prompts (depths 0-30) and the first 16K of the 24K prompts
        // (depths 0-60): 11 of 33 samples, all discordant one way.
        Assert.Equal(-11.0 / 33, double.Parse(all["diff"], CultureInfo.InvariantCulture), 6); // written with 6 decimals
        Assert.Equal("true", all["significant"]);
        Assert.True(double.Parse(all["ci95_high"], CultureInfo.InvariantCulture) < 0);
        Assert.True(File.Exists(Path.Combine(work, "cmp1", "compare.md")));

        (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, "compare", Path.Combine(both, "samples.csv"), again, "--out", Path.Combine(work, "cmp2"));
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        (_, rows) = CsvTable.Read(Path.Combine(work, "cmp2", "compare.csv"));
        var same = rows.Where(r => r["eval"] == "niah" && r["group"] == "all" && r["side_a"].Contains("sim-oracle", StringComparison.Ordinal) && r["side_b"].Contains("sim-oracle", StringComparison.Ordinal)).ToList();
        var row = Assert.Single(same);
        Assert.Equal(0.0, double.Parse(row["diff"], CultureInfo.InvariantCulture));
        Assert.Equal("false", row["significant"]);
    }

    [Fact]
    public async Task AMissingInputIsABadInput()
    {
        var work = CliProcess.NewTempDirectory();
        var (exit, _, stderr) = await CliProcess.RunAsync(work, null, TestContext.Current.CancellationToken, "compare", Path.Combine(work, "nope"), Path.Combine(work, "nope2"));
        Assert.Equal(2, exit);
        Assert.Contains("nope", stderr);
    }
}
