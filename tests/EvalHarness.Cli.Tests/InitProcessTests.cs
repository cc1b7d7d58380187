using EvalHarness.Core.Reporting.Pricing;

namespace EvalHarness.Cli.Tests;

/// <summary><c>evalharness init</c>: the starter file is valid settings (comments included) and is never overwritten by accident.</summary>
public sealed class InitProcessTests
{
    [Fact]
    public async Task TheStarterFileLoadsThroughTheSettingsLoaderAndRunsAsWritten()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, "init");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        var path = Path.Combine(work, "evalsettings.json");
        var text = File.ReadAllText(path);
        Assert.Contains("// ", text); // JSON with comments

        // The loader (schema check included: unknown keys are exit 2) accepts it, and it says what it promises.
        await using var context = HarnessContext.Load(path, []);
        var (config, settings) = (context.Config, context.Settings);
        Assert.Equal("starter", settings.DefaultSuite);
        var model = settings.Models["my-model"];
        Assert.Equal(("http://127.0.0.1:8000/v1", "Qwen/Qwen3-8B"), (model.BaseUrl, model.ApiModelId));
        Assert.Equal(["sim-oracle"], settings.Suites["starter"].Models);
        Assert.Equal(["graphwalks", "ifeval", "mrcr", "niah"], settings.Suites["starter"].Evals.Select(e => e.Eval).Order(StringComparer.Ordinal));
        var price = PriceTable.FromConfiguration(config).Find("my-model")!;
        Assert.Equal((0.10, 0.025, 0.40, "2026-01-01"), (price.Input, price.CachedInput!.Value, price.Output, price.Date));
        Assert.Equal("5", config["Budget:MaxUsdPerRun"]);

        // In the folder it was written to, the verbs read it: the starter suite runs on the simulator.
        var (list, listOut, listErr) = await CliProcess.RunAsync(work, null, ct, "list");
        Assert.True(list == 0, listOut + listErr);
        Assert.Contains("my-model", listOut);
        var (run, runOut, runErr) = await CliProcess.RunAsync(work, null, ct, "run", "--evals", "niah", "--limit", "2", "--no-history");
        Assert.True(run == 0, runOut + runErr);
        Assert.Contains("suite starter", runOut);
    }

    [Fact]
    public async Task AnExistingFileIsRefusedWithOneLineUnlessForced()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var path = Path.Combine(work, "mine.json");
        File.WriteAllText(path, "{ \"Seed\": 7 }");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, "init", "--out", path);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"error: {path}: already exists; pass --force to overwrite it", Assert.Single(stderr.Trim().Split('\n')));
        Assert.Equal("{ \"Seed\": 7 }", File.ReadAllText(path));

        var (forced, _, forcedErr) = await CliProcess.RunAsync(work, null, ct, "init", "--out", path, "--force");
        Assert.True(forced == 0, forcedErr);
        Assert.Contains("\"DefaultSuite\": \"starter\"", File.ReadAllText(path));
    }
}
