using System.Globalization;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Models;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Running;
using EvalHarness.Simulator;
using EvalHarness.Core.Files;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// Issue 8, items 2-4 through the engine and the run folder: the limit that is sent is the one recorded, cuts are
/// counted, a clean early end is retried, reasoning is kept as evidence.
/// </summary>
public sealed class StreamFidelityEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EvalRequest Smoke(string? maxOutputTokens = null)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["context_lengths"] = "1000",
            ["depths"] = "0,50,100",
            ["samples_per_cell"] = "1",
        };
        if (maxOutputTokens is not null) options["max_output_tokens"] = maxOutputTokens;
        return new EvalRequest { Seed = 7, Options = options };
    }

    private static Task<(RunOutcome Outcome, string Dir)> RunAsync(SimulatorServer server, ModelSettings settings, EvalRequest request) =>
        InProcessNiahRun.RunAsync(server, settings, request, TimeSpan.FromSeconds(30), null, Ct);

    private static ModelSettings Oracle(int? maxOutputTokens = null, int headroom = 0, int maxRetries = 6, bool legacy = false) => new()
    {
        Name = "sim-oracle", BaseUrl = "simulator", Concurrency = 4, TimeoutSeconds = 30, MaxRetries = maxRetries,
        MaxOutputTokens = maxOutputTokens, ReasoningHeadroomTokens = headroom, SendLegacyMaxTokens = legacy,
    };

    private static JsonObject ManifestEval(string dir) =>
        (JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")))!["evals"]!.AsArray()[0]!).AsObject();

    [Theory]
    // Eval default (NIAH: 128), the model's setting (ignored on today's main), headroom, and the explicit option winning.
    [InlineData(null, null, 0, 128, "eval_default")]
    [InlineData(null, 300, 0, 300, "model")]
    [InlineData(null, null, 1000, 1128, "eval_default+headroom")]
    [InlineData("64", 300, 1000, 64, "eval_option")]
    public async Task The_limit_sent_follows_one_rule_and_the_manifest_says_which(string? option, int? model, int headroom, int expected, string source)
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);

        var (_, dir) = await RunAsync(server, Oracle(model, headroom), Smoke(option));

        var seen = server.Counters.OutputLimitsSeen;
        Assert.Equal(3, seen.Count);
        Assert.All(seen, s => Assert.Equal((int?)expected, s.MaxCompletionTokens));
        Assert.All(seen, s => Assert.Null(s.MaxTokens));
        var eval = ManifestEval(dir);
        Assert.Equal(expected, eval["max_output_tokens"]!["sim-oracle"]!.GetValue<int>());
        Assert.Equal(source, eval["max_output_tokens_source"]!["sim-oracle"]!.GetValue<string>());
        var journal = ResponseJournal.Read(Path.Combine(dir, "responses.jsonl"));
        Assert.All(journal, j => Assert.Equal(expected, j.MaxOutputTokens));
    }

    [Fact]
    public async Task SendLegacyMaxTokens_sends_max_tokens_too()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);

        await RunAsync(server, Oracle(legacy: true), Smoke());

        Assert.All(server.Counters.OutputLimitsSeen, s => Assert.Equal((128, 128), (s.MaxCompletionTokens, s.MaxTokens)));
    }

    [Fact]
    public async Task Answers_cut_by_the_limit_show_as_length_in_samples_and_summary()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, ct: Ct);

        var (_, dir) = await RunAsync(server, Oracle(), Smoke("2"));

        var (header, rows) = CsvTable.Read(Path.Combine(dir, "samples.csv"));
        Assert.Contains("finish_reason", header);
        Assert.All(rows, r => Assert.Equal("length", r["finish_reason"]));
        Assert.All(rows, r => Assert.Equal("2", r["completion_tokens"]));
        var (summaryHeader, summary) = CsvTable.Read(Path.Combine(dir, "summary.csv"));
        Assert.Contains("n_length", summaryHeader);
        Assert.Equal("3", Assert.Single(summary, s => s["group"] == Summary.AllGroup)["n_length"]);
        // A normal run has none.
        var (_, full) = await RunAsync(server, Oracle(), Smoke());
        Assert.All(CsvTable.Read(Path.Combine(full, "samples.csv")).Rows, r => Assert.Equal("stop", r["finish_reason"]));
        Assert.Equal("0", Assert.Single(CsvTable.Read(Path.Combine(full, "summary.csv")).Rows, s => s["group"] == Summary.AllGroup)["n_length"]);
    }

    [Fact]
    public async Task A_clean_early_end_is_retried_and_never_scored()
    {
        var options = new SimulatorOptions { Seed = 4, ZeroLatency = true, Faults = new FaultOptions { EarlyEndRate = 0.5 } };
        await using var server = await SimulatorServer.StartAsync(options, ct: Ct);

        var (_, dir) = await RunAsync(server, Oracle(maxRetries: 20), Smoke());

        var rows = CsvTable.Read(Path.Combine(dir, "samples.csv")).Rows;
        Assert.All(rows, r => Assert.Equal("", r["error_kind"]));
        Assert.All(rows, r => Assert.Equal("1", r["score"]));
        Assert.True(server.Counters.GetFaultCount(Simulator.Faults.FaultKind.EarlyEnd) > 0);
        Assert.Contains(rows, r => int.Parse(r["attempts"], CultureInfo.InvariantCulture) > 1);

        // Without retries the cut requests are errors of kind truncated, never scored as answers.
        await using var always = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, Faults = new FaultOptions { EarlyEndRate = 1 } }, ct: Ct);
        var (_, failed) = await RunAsync(always, Oracle(maxRetries: 0), Smoke());
        Assert.All(CsvTable.Read(Path.Combine(failed, "samples.csv")).Rows, r =>
        {
            Assert.Equal("truncated", r["error_kind"]);
            Assert.Equal("", r["score"]);
        });
    }

    [Fact]
    public async Task Reasoning_is_kept_in_the_journal_and_timed_in_samples_but_its_text_never_in_the_csv()
    {
        var options = new SimulatorOptions
        {
            Latency = new LatencyProfile { BaseTtftMs = 5, PerPromptTokenMicroseconds = 0, TokensPerSecond = 5000 },
            Stream = new StreamQuirkOptions { ReasoningTokens = 50, ReasoningField = "reasoning", ReportReasoningTokens = false },
        };
        await using var server = await SimulatorServer.StartAsync(options, ct: Ct);

        var (_, dir) = await RunAsync(server, Oracle(), Smoke());

        var journal = ResponseJournal.Read(Path.Combine(dir, "responses.jsonl"));
        Assert.All(journal, j =>
        {
            Assert.Equal(string.Concat(Enumerable.Repeat(" step", 50)), j.Reasoning);
            Assert.NotNull(j.TtfbMs);
            Assert.NotNull(j.FirstReasoningMs);
            Assert.True(j.FirstReasoningMs < j.TtftMs);
        });
        var (header, rows) = CsvTable.Read(Path.Combine(dir, "samples.csv"));
        Assert.DoesNotContain("reasoning", header);
        Assert.All(rows, r =>
        {
            Assert.Equal("1", r["score"]);
            Assert.NotEqual("", r["first_reasoning_ms"]);
            Assert.NotEqual("", r["ttfb_ms"]);
            Assert.NotEqual("", r["output_tokens_per_s"]);
        });
        Assert.DoesNotContain(" step step", File.ReadAllText(Path.Combine(dir, "samples.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dry_run_bound_uses_the_limit_that_will_be_sent()
    {
        var work = CliProcess.NewTempDirectory();
        var env = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-test-not-used" };

        // 9 NIAH smoke samples: gpt-5.4-nano gets 128 + 16000 headroom each, gpt-4.1-nano the eval default 128.
        var (exit, stdout, _) = await CliProcess.RunAsync(work, env, Ct, "run", "--dry-run", "--evals", "niah", "--models", "gpt-5.4-nano,gpt-4.1-nano");
        Assert.Equal(0, exit);
        Assert.Contains("145,152", stdout, StringComparison.Ordinal);
        Assert.Contains("1,152", stdout, StringComparison.Ordinal);

        (exit, stdout, _) = await CliProcess.RunAsync(work, env, Ct, "run", "--dry-run", "--evals", "niah", "--models", "gpt-5.4-nano", "-o", "niah.max_output_tokens=10");
        Assert.Equal(0, exit);
        Assert.Contains("│ 90 ", stdout, StringComparison.Ordinal);
    }
}
