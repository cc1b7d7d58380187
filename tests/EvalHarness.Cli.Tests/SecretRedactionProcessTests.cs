using EvalHarness.Core.Configuration;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;
using EvalHarness.Core.Reporting;
using EvalHarness.Simulator;
using EvalHarness.Core.Files;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// A key under an arbitrary variable name, echoed back by the server in its error message, never reaches any file of
/// the run folder nor the console; the ApiKeyRef name stays visible.
/// </summary>
public sealed class SecretRedactionProcessTests
{
    private const string Key = "sk-weird-Zq8d0123456789abcdefXYZ";

    public static TheoryData<string> KeySources => ["env", "--set", "--set="];

    [Theory]
    [MemberData(nameof(KeySources))]
    public async Task AKeyEchoedByTheServerIsMaskedEverywhere(string source)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { RejectApiKeys = true, ZeroLatency = true }, 0, ct);
        var work = CliProcess.NewTempDirectory();
        var settings = Path.Combine(work, "weird.json");
        await File.WriteAllTextAsync(settings, $$"""
            { "Models": { "weird": { "BaseUrl": "{{server.BaseUrl}}", "Model": "sim-oracle", "ApiKeyRef": "MY_WEIRD_VAR", "MaxRetries": 0 } } }
            """, ct);
        var runDir = Path.Combine(work, "run");
        List<string> args = ["run", "--models", "weird", "--evals", "niah", "--plain", "--config", settings, "--out", runDir,
            "-o", "niah.context_lengths=1000", "-o", "niah.depths=0,50"];
        Dictionary<string, string?>? env = null;
        switch (source)
        {
            case "env": env = new() { ["MY_WEIRD_VAR"] = Key }; break;
            case "--set": args.AddRange(["--set", "MY_WEIRD_VAR=" + Key]); break;
            default: args.Add("--set=MY_WEIRD_VAR=" + Key); break;
        }
        env ??= new();
        env["EVALHARNESS_DEBUG"] = "1"; // stack traces too must not show it

        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, env, ct, [.. args]);

        Assert.True(Directory.Exists(runDir), $"exit {exit}\n{stdout}\n{stderr}");
        Assert.DoesNotContain(Key, stdout + stderr, StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(runDir, "*", SearchOption.AllDirectories))
            Assert.False((await File.ReadAllTextAsync(file, ct)).Contains(Key, StringComparison.Ordinal), $"{Path.GetFileName(file)} holds the key");
        // The server did echo it: the rows carry the masked message, and the manifest keeps the variable's name.
        var (_, rows) = CsvTable.Read(Path.Combine(runDir, "samples.csv"));
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(("authentication", true), (r["error_kind"], r["error_message"].Contains("Incorrect API key provided: ***", StringComparison.Ordinal))));
        Assert.Contains("\"api_key_ref\": \"MY_WEIRD_VAR\"", await File.ReadAllTextAsync(Path.Combine(runDir, "manifest.json"), ct), StringComparison.Ordinal);
        Assert.True(server.Counters.ChatRequests > 0);
    }

    [Fact]
    public async Task TheClientWrapperMasksTheMessageAndRethrowsTheSameException()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { RejectApiKeys = true, ZeroLatency = true }, 0, ct);
        var settings = new ModelSettings { Name = "sim-oracle", BaseUrl = server.BaseUrl.ToString(), MaxRetries = 0 };
        var raw = new OpenAIChatModelClient(settings, server.BaseUrl, Key);
        var request = new ModelRequest([new ChatMessage("user", "hi")], 8, 0);
        var unmasked = await Assert.ThrowsAsync<ModelCallException>(() => raw.CompleteAsync(request, ct));
        Assert.Contains(Key, unmasked.Message, StringComparison.Ordinal); // the server really echoes it

        var masked = await Assert.ThrowsAsync<ModelCallException>(() => new RedactingModelClient(raw, new SecretRedactor([Key])).CompleteAsync(request, ct));
        Assert.DoesNotContain(Key, masked.Message, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, masked.Message, StringComparison.Ordinal);
        Assert.Equal((unmasked.Kind, unmasked.HttpStatus, unmasked.RetryAfter), (masked.Kind, masked.HttpStatus, masked.RetryAfter));
        Assert.Equal(ErrorKind.Authentication, masked.Kind);
        Assert.Equal(unmasked.InnerException?.GetType(), masked.InnerException?.GetType());
    }

    [Fact]
    public void CommandLineMasksSecretNamesInEveryFormAndKeysByValue()
    {
        var redactor = new SecretRedactor([Key]);
        var line = CliRunner.RedactCommandLine(
            ["run", "--set=OPENAI_API_KEY=sk-other-123456", "--set", "Proxy:Password=pw", "--set", "MY_WEIRD_VAR=" + Key, "--models", "weird"], redactor);
        Assert.Equal("evalharness run --set=OPENAI_API_KEY=*** --set Proxy:Password=*** --set MY_WEIRD_VAR=*** --models weird", line);
    }
}
