using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Mrcr;
using EvalHarness.Simulator.Solvers;
using EvalHarness.Core.Models;

namespace EvalHarness.Simulator.Tests.Solvers;

public sealed class MrcrSolverTests
{
    private static readonly MrcrSolver Solver = new();

    private static async Task<List<EvalSample>> Samples(string needles, string bins)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["n_needles"] = needles, ["bins"] = bins, ["rows_per_bin"] = "1",
        };
        var list = new List<EvalSample>();
        await foreach (var s in new MrcrEvaluator().GetSamples(new EvalRequest { Seed = 3, Options = options }, TestContext.Current.CancellationToken))
            list.Add(s);
        return list;
    }

    [Fact]
    public async Task ScoresOneOnGeneratedSamplesUpTo128K()
    {
        var samples = await Samples("2,4,8", "8192,16384,32768,65536,131072");
        Assert.Equal(15, samples.Count);
        var evaluator = new MrcrEvaluator();
        foreach (var s in samples)
        {
            Assert.True(Solver.Recognizes(s.Messages));
            var response = Solver.Solve(s.Messages, 1);
            Assert.Equal(1.0, evaluator.Score(s, response).Score);
        }
    }

    [Fact]
    public void PicksTheKthExactRequestAndIgnoresLookalikes()
    {
        const string q = "Prepend Ab3dE6gH9J to the 2nd (1 indexed) poem about owls. Do not include any other text in your response.";
        List<ChatMessage> messages =
        [
            new("user", "Here are some examples of conversations succeeded by a follow-up question answered correctly:\nUser: write a poem about owls\nAssistant: decoy"),
            new("user", "write a poem about owls"), new("assistant", "first"),
            new("user", "write a poem about owls at night"), new("assistant", "other topic"),
            new("user", "write a riddle about owls"), new("assistant", "other format"),
            new("user", "Write a poem about owls"), new("assistant", "other case"),
            new("user", "write a poem about owls"), new("assistant", "second"),
            new("user", "write a poem about owls"), new("assistant", "third"),
            new("user", q),
        ];
        Assert.True(Solver.Recognizes(messages));
        Assert.Equal("Ab3dE6gH9Jsecond", Solver.Solve(messages, 0));
    }

    [Fact]
    public void WhenTheWindowHidesTheTargetItAnswersAVisibleReplyWithTheHash()
    {
        const string q = "Prepend Ab3dE6gH9J to the 3rd (1 indexed) poem about owls. Do not include any other text in your response.";
        List<ChatMessage> visible =
        [
            new("user", "write a poem about owls"), new("assistant", "second"),
            new("user", "write a riddle about owls"), new("assistant", "riddle"),
            new("user", q),
        ];
        Assert.Equal("Ab3dE6gH9Jsecond", Solver.Solve(visible, 7));
        List<ChatMessage> none = [new("assistant", "riddle"), new("user", q)];
        Assert.Equal("Ab3dE6gH9Jriddle", Solver.Solve(none, 7));
    }

    [Theory]
    [InlineData("Prepend Ab3dE6gH9J to the 2th (1 indexed) poem about owls. Do not include any other text in your response.")]
    [InlineData("Prepend Ab3dE6gH9J to the 2nd poem about owls. Do not include any other text in your response.")]
    [InlineData("What is the needle?")]
    public void DoesNotRecognizeOtherTasks(string last)
    {
        Assert.False(Solver.Recognizes([new ChatMessage("user", "write a poem about owls"), new ChatMessage("assistant", "x"), new ChatMessage("user", last)]));
    }
}
