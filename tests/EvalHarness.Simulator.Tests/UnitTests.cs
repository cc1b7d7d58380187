using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Text;
using EvalHarness.Simulator.Chat;
using EvalHarness.Simulator.Faults;
using EvalHarness.Simulator.Models;
using Microsoft.Extensions.Configuration;
using EvalHarness.Core.Models;

namespace EvalHarness.Simulator.Tests;

public sealed class SimulatedModelTests
{
    [Theory]
    [InlineData("sim-oracle", "Oracle", 0)]
    [InlineData("sim-noisy", "Noisy", 0)]
    [InlineData("sim-echo", "Echo", 0)]
    [InlineData("sim-window-8k", "Window", 8000)]
    [InlineData("sim-window-128k", "Window", 128000)]
    [InlineData("sim-window-1000k", "Window", 1000000)]
    public void Known_ids_parse(string id, string kind, int window)
    {
        Assert.True(SimulatedModel.TryParse(id, out var model));
        Assert.Equal(kind, model.Kind.ToString());
        Assert.Equal(window, model.WindowTokens);
        Assert.Equal(id, model.Id);
    }

    [Theory]
    [InlineData("gpt-4.1")]
    [InlineData("sim-window-k")]
    [InlineData("sim-window-08k")]
    [InlineData("sim-window-8K")]
    [InlineData("sim-window--8k")]
    [InlineData("sim-window-8")]
    [InlineData("sim-window-99999999999k")]
    [InlineData("SIM-ORACLE")]
    public void Other_ids_do_not(string id) => Assert.False(SimulatedModel.TryParse(id, out _));
}

public sealed class AnswerTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Hello, world! 12345 and   spaces\n\nnewlines")]
    [InlineData("Emoji 😀😀 and CJK 漢字テスト and café")]
    [InlineData("Supercalifragilisticexpialidocious")]
    public void Pieces_concatenate_to_the_text_and_never_split_surrogates(string text)
    {
        var pieces = AnswerText.SplitIntoPieces(text);

        Assert.Equal(text, string.Concat(pieces));
        Assert.All(pieces, p => Assert.False(p.Length == 0 || char.IsLowSurrogate(p[0]) || char.IsHighSurrogate(p[^1])));
    }

    [Fact]
    public void Pieces_are_about_one_token_each()
    {
        var text = string.Join(' ', Enumerable.Repeat("the model answers with ordinary words, numbers like 2024 and punctuation.", 20));

        var pieces = AnswerText.SplitIntoPieces(text).Count;
        var tokens = O200kTokenizer.Shared.CountTokens(text);

        Assert.InRange(pieces, tokens * 0.8, tokens * 1.5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(17)]
    public void Truncation_keeps_exactly_the_budget_on_ordinary_text(int max)
    {
        const string text = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty.";

        var cut = AnswerText.TruncateToTokens(text, max);

        Assert.StartsWith(cut, text, StringComparison.Ordinal);
        Assert.Equal(max, O200kTokenizer.Shared.CountTokens(cut));
    }

    [Fact]
    public void Truncation_leaves_short_text_alone_and_never_splits_a_surrogate_pair()
    {
        Assert.Equal("short", AnswerText.TruncateToTokens("short", 10));
        var emoji = string.Concat(Enumerable.Repeat("😀", 20));
        var cut = AnswerText.TruncateToTokens(emoji, 3);
        Assert.True(cut.Length % 2 == 0 && cut.Length > 0);
        Assert.True(O200kTokenizer.Shared.CountTokens(cut) <= 3);
    }
}

public sealed class PromptTests
{
    [Fact]
    public void Prompt_tokens_are_content_plus_three_per_message_plus_three()
    {
        ChatMessage[] messages = [new("system", "You are terse."), new("user", "Hello there"), new("assistant", "Hi."), new("user", "Bye")];

        var prompt = Prompt.Measure(messages);

        var content = messages.Sum(m => O200kTokenizer.Shared.CountTokens(m.Content));
        Assert.Equal(content + 3 * 4 + 3, prompt.PromptTokens);
    }

    [Fact]
    public void Content_hash_is_stable_and_separates_fields()
    {
        var a = Prompt.Measure([new ChatMessage("user", "ab"), new ChatMessage("user", "c")]).ContentHash;
        var b = Prompt.Measure([new ChatMessage("user", "a"), new ChatMessage("user", "bc")]).ContentHash;
        var c = Prompt.Measure([new ChatMessage("system", "ab"), new ChatMessage("user", "c")]).ContentHash;

        Assert.Equal(a, Prompt.Measure([new ChatMessage("user", "ab"), new ChatMessage("user", "c")]).ContentHash);
        Assert.NotEqual(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Window_cuts_from_the_front_and_keeps_roles()
    {
        var prompt = Prompt.Measure([new ChatMessage("system", "alpha beta gamma delta"), new ChatMessage("user", "one two three")]);

        var all = prompt.Window(1000);
        var userOnly = prompt.Window(3);
        var cut = prompt.Window(5);
        var nothing = prompt.Window(0);

        Assert.Same(prompt.Messages, all);
        Assert.Equal([new ChatMessage("user", "one two three")], userOnly);
        Assert.Equal([new ChatMessage("system", " gamma delta"), new ChatMessage("user", "one two three")], cut);
        Assert.Equal([new ChatMessage("user", "")], nothing);
    }
}

public sealed class FaultInjectorTests
{
    [Fact]
    public void Draws_follow_the_configured_shares()
    {
        var injector = new FaultInjector(new FaultOptions { ServerErrorRate = 0.1, DropConnectionRate = 0.2 }, seed: 5);
        var counts = new Dictionary<FaultKind, int>();
        var none = 0;
        for (var i = 1; i <= 20_000; i++)
        {
            if (injector.Draw(i) is { } kind) counts[kind] = counts.GetValueOrDefault(kind) + 1;
            else none++;
        }

        Assert.InRange(counts[FaultKind.ServerError], 1800, 2200);
        Assert.InRange(counts[FaultKind.DropConnection], 3700, 4300);
        Assert.Equal(2, counts.Count);
        Assert.Equal(injector.Draw(123), new FaultInjector(new FaultOptions { ServerErrorRate = 0.1, DropConnectionRate = 0.2 }, seed: 5).Draw(123));
        Assert.InRange(none, 13_500, 14_500);
    }

    [Fact]
    public void Off_by_default()
    {
        var injector = new FaultInjector(new FaultOptions(), seed: 1);
        Assert.All(Enumerable.Range(1, 1000), i => Assert.Null(injector.Draw(i)));
    }
}

public sealed class SimulatorOptionsTests
{
    [Fact]
    public void Binds_from_the_simulator_configuration_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulator:Seed"] = "42",
            ["Simulator:ZeroLatency"] = "true",
            ["Simulator:Latency:BaseTtftMs"] = "50",
            ["Simulator:Latency:TokensPerSecond"] = "100",
            ["Simulator:Models:sim-window-:BaseTtftMs"] = "200",
            ["Simulator:Models:sim-window-8k:ContextWindowTokens"] = "9000",
            ["Simulator:Faults:RateLimitRate"] = "0.05",
            ["Simulator:Faults:RetryAfterMs"] = "250",
        }).Build();

        var options = SimulatorOptions.FromConfiguration(configuration);

        Assert.Equal(42UL, options.Seed);
        Assert.True(options.ZeroLatency);
        Assert.Equal(50, options.Latency.BaseTtftMs);
        Assert.Equal(2, options.Latency.PerPromptTokenMicroseconds); // default kept
        Assert.Equal(0.05, options.Faults.RateLimitRate);
        Assert.Equal(250, options.Faults.RetryAfterMs);
        options.Validate();
        options.ZeroLatency = false;
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.Resolve("sim-window-32k").Latency.TimeToFirstToken(0));
        Assert.Equal(9000, options.Resolve("sim-window-8k").ContextWindowTokens); // longest key wins
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.Resolve("sim-oracle").Latency.TimeToFirstToken(0));
    }

    [Fact]
    public void Latency_profile_formula()
    {
        var profile = new LatencyProfile { BaseTtftMs = 20, PerPromptTokenMicroseconds = 2, TokensPerSecond = 2000 };

        Assert.Equal(TimeSpan.FromMilliseconds(220), profile.TimeToFirstToken(100_000));
        Assert.Equal(TimeSpan.FromMilliseconds(500), profile.DecodeTime(1000));
        Assert.Equal(TimeSpan.Zero, new SimulatorOptions { ZeroLatency = true }.Resolve("sim-oracle").Latency.TimeToFirstToken(1_000_000));
    }

    [Fact]
    public void Validation_rejects_impossible_settings()
    {
        Assert.Throws<ArgumentException>(() => new SimulatorOptions { Faults = new FaultOptions { ServerErrorRate = 0.7, DropConnectionRate = 0.7 } }.Validate());
        Assert.Throws<ArgumentException>(() => new SimulatorOptions { Latency = new LatencyProfile { TokensPerSecond = 0 } }.Validate());
        Assert.Throws<ArgumentException>(() => new SimulatorOptions { NoisyWrongRate = 1.5 }.Validate());
    }
}
