using EvalHarness.Core.Reporting;
using EvalHarness.Simulator;
using EvalHarness.Core.RunFolders;
using EvalHarness.Core.Files;

namespace EvalHarness.Cli.Tests;

/// <summary>The real `evalharness` binary: exit codes, one-line errors, run folders, secrets.</summary>
public sealed class CliProcessTests
{
    [Fact]
    public async Task DefaultSuiteRunsOfflineAndWritesTheRunFolderContract()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, "run", "--evals", "niah", "--plain");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        var runDir = Assert.Single(Directory.GetDirectories(Path.Combine(work, "results")));
        foreach (var f in new[] { "samples.csv", "summary.csv", "manifest.json", "responses.jsonl" }) Assert.True(File.Exists(Path.Combine(runDir, f)), f);

        var (header, _) = CsvTable.Read(Path.Combine(runDir, "samples.csv"));
        Assert.Equal(SamplesCsv.CommonColumns, header.Take(SamplesCsv.CommonColumns.Count));
        Assert.Equal(SamplesCsv.Header, header); // eval columns live in samples_niah.csv
        Assert.True(File.Exists(Path.Combine(runDir, "samples_niah.csv")));
        var rows = RunFolderReader.Read(runDir).Samples.Select(s => s.Columns).ToList();
        var oracle = rows.Where(r => r["model"] == "sim-oracle").ToList();
        var window = rows.Where(r => r["model"] == "sim-window-8k").ToList();
        Assert.Equal(9, oracle.Count);
        Assert.All(oracle, r => Assert.Equal("1", r["score"]));
        Assert.All(rows, r => Assert.NotEqual("", r["ttft_ms"]));
        // The 8K window sees every needle of the 1K and 4K prompts, and of the 16K prompt only the end.
        Assert.All(window.Where(r => r["context_tokens_target"] != "16000"), r => Assert.Equal("1", r["score"]));
        Assert.Equal("0", window.Single(r => r["context_tokens_target"] == "16000" && r["depth_percent_target"] == "0")["score"]);
        Assert.Equal("1", window.Single(r => r["context_tokens_target"] == "16000" && r["depth_percent_target"] == "100")["score"]);
        Assert.Contains("sim-oracle", stdout);
    }

    [Fact]
    public async Task ModelUnknownToTheServerStopsItsLaneWithOneLineAndErrorsAreListedByKind()
    {
        var work = CliProcess.NewTempDirectory();
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, TestContext.Current.CancellationToken,
            "run", "--evals", "niah", "--models", "ghost", "--plain",
            "--set", "Models:ghost:BaseUrl=simulator", "--set", "Models:ghost:Concurrency=1",
            // Past the start-of-run model-list check (which refuses an unlisted id: LifecycleProcessTests), to reach the lane breaker.
            "--set", "Models:ghost:CheckModelList=false");
        Assert.True(exit == 1, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Single(stdout.Split('\n'), l => l.Contains("ghost: stopped after model_not_found", StringComparison.Ordinal));
        Assert.Contains("Errors by kind", stdout);
        Assert.Contains("(9 samples, 9 errors, 8 not sent)", stdout);
        Assert.Contains("model_not_found 9 (8 not sent), e.g. ghost: HTTP 404 model_not_found: The model `ghost` does not exist", stdout);
    }

    [Fact]
    public async Task UnknownModelIsABadInputWithOneLine()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(CliProcess.NewTempDirectory(), null, TestContext.Current.CancellationToken, "run", "--models", "no-such-model");
        Assert.Equal(2, exit);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("unknown model 'no-such-model'", stderr);
    }

    [Fact]
    public async Task MissingKeyForARealEndpointIsABadInputBeforeAnythingIsSent()
    {
        var work = CliProcess.NewTempDirectory();
        var (exit, _, stderr) = await CliProcess.RunAsync(work, null, TestContext.Current.CancellationToken, "run", "--models", "gpt-4.1-nano", "--evals", "niah");
        Assert.Equal(2, exit);
        Assert.Contains("OPENAI_API_KEY", stderr);
        Assert.False(Directory.Exists(Path.Combine(work, "results")));
    }

    [Fact]
    public async Task MalformedSettingsFileNamesFileAndLine()
    {
        var work = CliProcess.NewTempDirectory();
        var bad = Path.Combine(work, "evalsettings.json");
        await File.WriteAllTextAsync(bad, "{\n  \"Models\": {\n    \"x\": { \"Concurrency\": }\n  }\n}\n", TestContext.Current.CancellationToken);
        var (exit, _, stderr) = await CliProcess.RunAsync(work, null, TestContext.Current.CancellationToken, "list");
        Assert.Equal(2, exit);
        Assert.Contains(bad + ":3:", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task TheApiKeyNeverReachesAnyFileOrTheConsole()
    {
        var ct = TestContext.Current.CancellationToken;
        // A "real" endpoint (the simulator served over its own port) that needs a key from the environment.
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions(), 0, ct);
        var work = CliProcess.NewTempDirectory();
        const string secret = "sk-test-DO-NOT-LEAK-4f1c9e";
        var env = new Dictionary<string, string?> { ["MY_PROVIDER_KEY"] = secret };
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, env, ct,
            "run", "--evals", "niah", "--models", "remote-sim", "--plain", "--option", "context_lengths=1000", "--option", "depths=50",
            "--set", $"Models:remote-sim:BaseUrl={server.BaseUrl}", "--set", "Models:remote-sim:Model=sim-oracle",
            "--set", "Models:remote-sim:ApiKeyRef=MY_PROVIDER_KEY");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.DoesNotContain(secret, stdout + stderr);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(work, "results"), "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(secret, await File.ReadAllTextAsync(file, ct));
        }
        var manifest = await File.ReadAllTextAsync(Directory.EnumerateFiles(Path.Combine(work, "results"), "manifest.json", SearchOption.AllDirectories).Single(), ct);
        Assert.Contains("MY_PROVIDER_KEY", manifest); // the variable's name is recorded, its value never
    }

    [Fact]
    public async Task DryRunSendsNothingAndABudgetStopsAnExpensiveRunBeforeItStarts()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var env = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-test-not-used" };
        var (exit, stdout, _) = await CliProcess.RunAsync(work, env, ct, "run", "--dry-run", "--evals", "niah", "--models", "gpt-4.1-nano");
        Assert.Equal(0, exit);
        Assert.Contains("Cost upper bound", stdout);
        Assert.False(Directory.Exists(Path.Combine(work, "results")));

        // gpt-4.1 at $2/1M input on ~63K smoke-grid tokens is well above one cent: refused before any request.
        (exit, _, var stderr) = await CliProcess.RunAsync(work, env, ct, "run", "--evals", "niah", "--models", "gpt-4.1", "--set", "Budget:MaxUsdPerRun=0.01");
        Assert.Equal(2, exit);
        Assert.Contains("exceeds Budget:MaxUsdPerRun", stderr);
        Assert.False(Directory.Exists(Path.Combine(work, "results")));
    }

    [Fact]
    public async Task DryRunWithBatchEstimatesAtTheBatchPrice()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var env = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-test-not-used", ["COLUMNS"] = "200" };
        string[] args = ["run", "--dry-run", "--evals", "niah", "--models", "gpt-4.1"];
        var (exit, streaming, _) = await CliProcess.RunAsync(work, env, ct, args);
        Assert.Equal(0, exit);
        (exit, var batch, _) = await CliProcess.RunAsync(work, env, ct, [.. args, "--batch"]);
        Assert.Equal(0, exit);
        Assert.Contains("Batch API prices", batch, StringComparison.Ordinal);
        Assert.DoesNotContain("Batch API prices", streaming, StringComparison.Ordinal);
        // The published batch price of gpt-4.1 is half of every rate: the row's bound halves (4 decimals shown).
        Assert.Equal(RowUsd(streaming) / 2, RowUsd(batch), 0.0002);
        Assert.False(Directory.Exists(Path.Combine(work, "results")));
    }

    /// <summary>The cost upper bound of the dry-run table's one row ("$0.1234").</summary>
    private static double RowUsd(string stdout)
    {
        var row = stdout.Split('\n').Single(l => l.Contains("gpt-4.1", StringComparison.Ordinal) && l.Contains('$', StringComparison.Ordinal) && !l.Contains("Cost upper bound", StringComparison.Ordinal));
        var m = System.Text.RegularExpressions.Regex.Match(row, @"\$([0-9]+\.[0-9]+)");
        Assert.True(m.Success, row);
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
