using System.Globalization;
using System.Text.Json;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Text;
using EvalHarness.Simulator.Solvers;
using EvalHarness.Core.Models;

namespace EvalHarness.Simulator.Tests;

public sealed class WindowingTests
{
    private const string Marker = "[visible-length-probe]";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Window_models_see_only_the_last_n_thousand_tokens()
    {
        var registry = SolverRegistry.CreateDefault();
        registry.Register(new VisibleTokensSolver());
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, registry, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        // A long system message (marker first, so only a full view has it) and a user message of 1k-3k tokens.
        var system = Marker + " " + Words(0, 2000);
        var user = Words(2000, 500);
        var userTokens = O200kTokenizer.Shared.CountTokens(user);
        Assert.InRange(userTokens, 1001, 2999);
        var fullTokens = O200kTokenizer.Shared.CountTokens(system) + userTokens;

        var oracle = await AskAsync(client, "sim-oracle", system, user);
        var window1 = await AskAsync(client, "sim-window-1k", system, user);
        var window3 = await AskAsync(client, "sim-window-3k", system, user);

        Assert.Equal(fullTokens, oracle.Tokens);
        Assert.Equal(2, oracle.Messages);
        Assert.Equal(1000, window1.Tokens);
        Assert.Equal(1, window1.Messages);
        Assert.Equal(3000, window3.Tokens);
        Assert.Equal(2, window3.Messages); // the cut falls inside the system message
    }

    [Fact]
    public async Task Unrecognized_prompt_gets_the_fallback_answer()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, new SolverRegistry([]), ct: Ct);
        using var client = SimHttp.CreateClient(server);

        using var response = await SimHttp.PostChatAsync(client, SimHttp.ChatBody("sim-oracle", "What is the capital of Mars?"), Ct);
        var json = await SimHttp.ReadJsonAsync(response, Ct);

        Assert.Equal(SolverRegistry.FallbackAnswer, json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("fallback", response.Headers.GetValues("x-sim-answer-source").Single());
    }

    [Fact]
    public async Task Noisy_model_is_wrong_at_about_the_configured_rate_and_deterministic()
    {
        var registry = new SolverRegistry([new VisibleTokensSolver()]);
        var options = new SimulatorOptions { ZeroLatency = true, NoisyWrongRate = 0.3, NoisyBlindWindowTokens = 50 };
        await using var server = await SimulatorServer.StartAsync(options, registry, ct: Ct);
        using var client = SimHttp.CreateClient(server);

        var wrong = 0;
        const int n = 200;
        for (var i = 0; i < n; i++)
        {
            var system = Marker + " " + Words(i * 10, 300);
            var first = await AskAsync(client, "sim-noisy", system, "question " + i.ToString(CultureInfo.InvariantCulture));
            var again = await AskAsync(client, "sim-noisy", system, "question " + i.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(first, again); // same prompt, same seed, same answer
            if (first.Tokens <= 50) wrong++;
        }

        // Binomial(200, 0.3): mean 60, sd 6.5; +-4 sd.
        Assert.InRange(wrong, 34, 86);
    }

    [Fact]
    public async Task Noisy_wrong_answer_to_a_fully_visible_prompt_is_cut_in_half()
    {
        var registry = new SolverRegistry([new FixedSolver("one two three four five six seven eight")]);
        var options = new SimulatorOptions { ZeroLatency = true, NoisyWrongRate = 1.0 };
        await using var server = await SimulatorServer.StartAsync(options, registry, ct: Ct);
        using var client = SimHttp.CreateClient(server);

        using var response = await SimHttp.PostChatAsync(client, SimHttp.ChatBody("sim-noisy", "Write eight words."), Ct);
        var json = await SimHttp.ReadJsonAsync(response, Ct);

        Assert.Equal("one two three four", json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("fixed:blind", response.Headers.GetValues("x-sim-answer-source").Single());
    }

    [Fact]
    public void Solver_seed_depends_on_simulator_seed_model_and_prompt_only()
    {
        var a = Chat.Answerer.SolverSeed(1, "sim-oracle", 42);
        Assert.Equal(a, Chat.Answerer.SolverSeed(1, "sim-oracle", 42));
        Assert.NotEqual(a, Chat.Answerer.SolverSeed(2, "sim-oracle", 42));
        Assert.NotEqual(a, Chat.Answerer.SolverSeed(1, "sim-noisy", 42));
        Assert.NotEqual(a, Chat.Answerer.SolverSeed(1, "sim-oracle", 43));
        // Pinned: the seed must not change between releases, or recorded simulator runs stop reproducing.
        Assert.Equal(734099494564473505UL, a);
    }

    private static async Task<Visible> AskAsync(HttpClient client, string model, string system, string user)
    {
        var body = SimHttp.ChatBody(model, user);
        body["messages"]!.AsArray().Insert(0, new System.Text.Json.Nodes.JsonObject { ["role"] = "system", ["content"] = system });
        using var response = await SimHttp.PostChatAsync(client, body, Ct);
        response.EnsureSuccessStatusCode();
        var json = await SimHttp.ReadJsonAsync(response, Ct);
        var parts = json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!.Split(' ');
        return new Visible(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static string Words(int from, int count) =>
        string.Join(' ', Enumerable.Range(from, count).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture)));

    private sealed record Visible(int Tokens, int Messages);

    /// <summary>Answers "&lt;visible content tokens&gt; &lt;visible messages&gt;" for prompts carrying the marker.</summary>
    private sealed class VisibleTokensSolver : ITaskSolver
    {
        public string Name => "visible-probe";

        public bool Recognizes(IReadOnlyList<ChatMessage> messages) => messages[0].Content.StartsWith(Marker, StringComparison.Ordinal);

        public string Solve(IReadOnlyList<ChatMessage> visibleMessages, ulong seed) => string.Create(
            CultureInfo.InvariantCulture,
            $"{visibleMessages.Sum(m => O200kTokenizer.Shared.CountTokens(m.Content))} {visibleMessages.Count}");
    }

    private sealed class FixedSolver(string answer) : ITaskSolver
    {
        public string Name => "fixed";

        public bool Recognizes(IReadOnlyList<ChatMessage> messages) => true;

        public string Solve(IReadOnlyList<ChatMessage> visibleMessages, ulong seed) => answer;
    }
}
