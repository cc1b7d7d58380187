using System.Text.Json.Nodes;

namespace EvalHarness.Cli.Tests;

/// <summary>Bad input is refused with exit code 2 and one line naming the key or file, never ignored or a crash (exit 70).</summary>
public sealed class BadInputProcessTests
{
    private static async Task<string> RefusedAsync(string work, IReadOnlyDictionary<string, string?>? env, params string[] args)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, env, TestContext.Current.CancellationToken, args);
        Assert.True(exit == 2, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        return stderr;
    }

    [Fact]
    public async Task UnknownEvalOptionsAreRefusedWithTheNearestValidKey()
    {
        var work = CliProcess.NewTempDirectory();
        var stderr = await RefusedAsync(work, null, "run", "--evals", "niah", "--dry-run", "-o", "niah.presett=smoke");
        Assert.Contains("presett", stderr);
        Assert.Contains("did you mean 'preset'", stderr);

        stderr = await RefusedAsync(work, null, "run", "--evals", "niah,mrcr", "--dry-run", "-o", "samples_per_cel=2");
        Assert.Contains("did you mean 'samples_per_cell'", stderr);

        // A key another eval reads is fine unprefixed; prefixed to an eval that does not read it, it is refused.
        var (exit, _, err) = await CliProcess.RunAsync(work, null, TestContext.Current.CancellationToken, "run", "--evals", "niah,mrcr", "--dry-run", "-o", "bins=4096-8192");
        Assert.True(exit == 0, err);
        stderr = await RefusedAsync(work, null, "run", "--evals", "niah", "--dry-run", "-o", "niah.bins=4096-8192");
        Assert.Contains("unknown niah option 'bins'", stderr);
    }

    [Fact]
    public async Task UnknownSettingsKeysAreRefusedFromEverySource()
    {
        var work = CliProcess.NewTempDirectory();
        var stderr = await RefusedAsync(work, null, "list", "--set", "Models:sim-oracle:Concurency=4");
        Assert.Contains("Models:sim-oracle:Concurency", stderr);
        Assert.Contains("did you mean 'Concurrency'", stderr);

        stderr = await RefusedAsync(work, new Dictionary<string, string?> { ["EVALHARNESS__Engine__RetryBaseDelay"] = "5" }, "list");
        Assert.Contains("EVALHARNESS__Engine__RetryBaseDelay", stderr);
        Assert.Contains("did you mean 'RetryBaseDelayMs'", stderr);

        var file = Path.Combine(work, "extra.json");
        await File.WriteAllTextAsync(file, "{ \"Sead\": 1, \"Prices\": { \"my-model\": { \"Input\": 1, \"Output\": 2 } } }", TestContext.Current.CancellationToken);
        stderr = await RefusedAsync(work, null, "list", "--config", file);
        Assert.Contains(file, stderr);
        Assert.Contains("did you mean 'Seed'", stderr);

        stderr = await RefusedAsync(work, null, "list", "--set", "Prices:my-model:Inptu=1");
        Assert.Contains("did you mean 'Input'", stderr);
        stderr = await RefusedAsync(work, null, "list", "--set", "Suites:default:Evals:niah:presett=smoke");
        Assert.Contains("did you mean 'preset'", stderr);

        // A value of the wrong kind names the key, not a .NET type.
        stderr = await RefusedAsync(work, null, "list", "--set", "Engine:RetryBaseDelayMs=soon");
        Assert.Contains("settings: 'Engine:RetryBaseDelayMs' = 'soon' is not a number", stderr);
        stderr = await RefusedAsync(work, null, "list", "--set", "Models:sim-oracle:Concurrency=many");
        Assert.Contains("'Models:sim-oracle:Concurrency' = 'many' is not an integer", stderr);

        // Model names, price names and API-key variable names are free keys.
        var (exit, _, err) = await CliProcess.RunAsync(work, null, TestContext.Current.CancellationToken, "list",
            "--set", "Models:my-new-model:BaseUrl=simulator", "--set", "Models:my-new-model:ApiKeyRef=MY_ODD_KEY", "--set", "MY_ODD_KEY=abc",
            "--set", "Simulator:Faults:RateLimitRate=0.1", "--set", "Budget:MaxUsdPerRun=3");
        Assert.True(exit == 0, err);
    }

    [Fact]
    public async Task GateEngineAndStreamSettingsAreKnownAndTheirTyposRefused()
    {
        var work = CliProcess.NewTempDirectory();
        var (exit, _, err) = await CliProcess.RunAsync(work, null, TestContext.Current.CancellationToken, "list",
            "--set", "Gate:Delta=0.03", "--set", "Gate:Deltas:niah=0.05", "--set", "Suites:default:Gate:MaxErrorRate=0.2",
            "--set", "Engine:MaxRetryAfterSeconds=30", "--set", "Engine:DeadEndpointFailures=2",
            "--set", "Models:sim-oracle:ReasoningHeadroomTokens=100", "--set", "Models:sim-oracle:SendLegacyMaxTokens=true",
            "--set", "Simulator:Stream:ReasoningTokens=5", "--set", "Simulator:ErrorDialect=VLlm", "--set", "Simulator:Faults:EarlyEndRate=0.1");
        Assert.True(exit == 0, err);

        var stderr = await RefusedAsync(work, null, "list", "--set", "Gate:MaxErorRate=0.2");
        Assert.Contains("did you mean 'MaxErrorRate'", stderr);
        stderr = await RefusedAsync(work, null, "list", "--set", "Suites:default:Gate:Detla=0.2");
        Assert.Contains("did you mean 'Delta'", stderr);
    }

    [Fact]
    public async Task LimitBelowOneAndNonNumbersAreRefusedWithoutTypeNames()
    {
        var stderr = await RefusedAsync(CliProcess.NewTempDirectory(), null, "run", "--evals", "niah", "--limit", "0", "--plain");
        Assert.Contains("--limit", stderr);
        stderr = await RefusedAsync(CliProcess.NewTempDirectory(), null, "run", "--evals", "niah", "--seed", "1.5", "--plain");
        Assert.Equal("error: --seed '1.5': expected an integer", stderr.Trim());
    }

    [Fact]
    public async Task ScoreRefusesAnExistingRunFolderAFileAsOutAndDuplicateIds()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var prompts = Path.Combine(work, "niah.jsonl");
        var (exit, _, stderr) = await CliProcess.RunAsync(work, null, ct, "prompts", "--eval", "niah", "--out", prompts);
        Assert.True(exit == 0, stderr);
        var lines = await File.ReadAllLinesAsync(prompts, ct);
        var ids = lines.Select(l => JsonNode.Parse(l)!["id"]!.GetValue<string>()).ToList();
        var responses = Path.Combine(work, "responses.jsonl");
        await File.WriteAllLinesAsync(responses, ids.Select(id => new JsonObject { ["id"] = id, ["response"] = "no idea" }.ToJsonString()), ct);

        // An existing run folder keeps its CSVs.
        var existing = Path.Combine(work, "earlier-run");
        Directory.CreateDirectory(existing);
        await File.WriteAllTextAsync(Path.Combine(existing, "samples.csv"), "keep me", ct);
        stderr = await RefusedAsync(work, null, "score", "--eval", "niah", "--samples", prompts, "--responses", responses, "--out", existing);
        Assert.Contains(existing, stderr);
        Assert.Equal("keep me", await File.ReadAllTextAsync(Path.Combine(existing, "samples.csv"), ct));

        var file = Path.Combine(work, "a-file");
        await File.WriteAllTextAsync(file, "", ct);
        stderr = await RefusedAsync(work, null, "score", "--eval", "niah", "--samples", prompts, "--responses", responses, "--out", file);
        Assert.Contains(file, stderr);

        await File.AppendAllTextAsync(responses, new JsonObject { ["id"] = ids[0], ["response"] = "another answer" }.ToJsonString() + "\n", ct);
        stderr = await RefusedAsync(work, null, "score", "--eval", "niah", "--samples", prompts, "--responses", responses, "--out", Path.Combine(work, "s1"));
        Assert.Contains(responses + ":" + (ids.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), stderr);
        Assert.Contains("duplicate", stderr);

        await File.AppendAllTextAsync(prompts, lines[0] + "\n", ct);
        stderr = await RefusedAsync(work, null, "score", "--eval", "niah", "--samples", prompts, "--responses", responses, "--out", Path.Combine(work, "s2"));
        Assert.Contains(prompts + ":" + (lines.Length + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), stderr);
    }

    [Fact]
    public async Task ResumeReadsTheOptionsFromTheManifestAndKeepsTheRunId()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var dir = Path.Combine(work, "run");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct,
            "run", "--models", "sim-oracle", "--evals", "niah", "--seed", "5", "-o", "niah.context_lengths=1000", "-o", "niah.depths=0,50,100", "--out", dir, "--plain");
        Assert.True(exit == 0, stdout + stderr);
        var runId = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "manifest.json"), ct))!["run_id"]!.GetValue<string>();

        // Interrupted: the last request never reached the journal.
        var journal = Path.Combine(dir, "responses.jsonl");
        var lines = await File.ReadAllLinesAsync(journal, ct);
        await File.WriteAllLinesAsync(journal, lines[..^1], ct);

        (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, "run", "--resume", dir, "--plain");
        Assert.True(exit == 0, stdout + stderr);
        Assert.Equal(3, (await File.ReadAllLinesAsync(journal, ct)).Length);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "manifest.json"), ct))!;
        Assert.Equal(runId, manifest["run_id"]!.GetValue<string>());
        Assert.Equal(5, manifest["seed"]!.GetValue<int>());
        Assert.Equal(3, manifest["counts"]!["finished"]!.GetValue<int>());

        // Options given again must match; a different one is refused naming it.
        (exit, _, stderr) = await CliProcess.RunAsync(work, null, ct, "run", "--resume", dir, "--seed", "5", "-o", "niah.depths=0,50,100", "--plain");
        Assert.True(exit == 0, stderr);
        stderr = await RefusedAsync(work, null, "run", "--resume", dir, "--seed", "6", "--plain");
        Assert.Contains("--seed '6'", stderr);
        stderr = await RefusedAsync(work, null, "run", "--resume", dir, "-o", "niah.depths=0", "--plain");
        Assert.Contains("niah.depths", stderr);
    }

    [Fact]
    public async Task RunOutThatIsAFileOrAnExistingRunIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var file = Path.Combine(work, "a-file");
        await File.WriteAllTextAsync(file, "", ct);
        var stderr = await RefusedAsync(work, null, "run", "--evals", "niah", "--models", "sim-oracle", "--out", file, "--plain");
        Assert.Contains(file, stderr);

        var existing = Path.Combine(work, "scored");
        Directory.CreateDirectory(existing);
        await File.WriteAllTextAsync(Path.Combine(existing, "summary.csv"), "keep me", ct);
        stderr = await RefusedAsync(work, null, "run", "--evals", "niah", "--models", "sim-oracle", "--out", existing, "--plain");
        Assert.Contains(existing, stderr);
        Assert.Equal("keep me", await File.ReadAllTextAsync(Path.Combine(existing, "summary.csv"), ct));
    }
}
