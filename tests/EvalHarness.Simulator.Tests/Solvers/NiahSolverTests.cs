using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Text;
using EvalHarness.Simulator.Solvers;
using EvalHarness.Core.Models;

namespace EvalHarness.Simulator.Tests.Solvers;

public sealed class NiahSolverTests
{
    private static async Task<List<EvalSample>> Samples(int seed, params (string Key, string Value)[] options)
    {
        var dict = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in options) dict[k] = v;
        var list = new List<EvalSample>();
        await foreach (var s in new NiahEvaluator().GetSamples(new EvalRequest { Seed = seed, Options = dict }, TestContext.Current.CancellationToken))
            list.Add(s);
        return list;
    }

    [Fact]
    public void AnswersAHandWrittenPrompt()
    {
        const string prompt =
            "A special number is hidden in the text below. Read the text carefully and remember it; a question about it follows the text.\n" +
            "The road is long. One of the special numbers for amber-otter is: 5550123. The day ends.\n" +
            "Question: What is the special number for amber-otter mentioned in the text above? Answer with the number only.";
        var solver = new NiahSolver();
        Assert.True(solver.Recognizes([new ChatMessage("user", prompt)]));
        Assert.Equal("The special number for amber-otter is 5550123.", solver.Solve([new ChatMessage("user", prompt)], 1));
    }

    [Fact]
    public void DoesNotRecognizeOtherPrompts()
    {
        var solver = new NiahSolver();
        Assert.False(solver.Recognizes([new ChatMessage("user", "What is the capital of France?")]));
        Assert.False(solver.Recognizes([new ChatMessage("system", "Special numbers are hidden in the text below.")]));
    }

    [Theory]
    [InlineData("single", "numbers")]
    [InlineData("multikey", "words")]
    [InlineData("multivalue", "uuids")]
    [InlineData("multiquery", "numbers")]
    public async Task ScoresFullMarksWhenEverythingIsVisible(string task, string valueType)
    {
        var evaluator = new NiahEvaluator();
        var solver = new NiahSolver();
        foreach (var s in await Samples(3, ("task", task), ("value_type", valueType), ("context_lengths", "2000"), ("depths", "0,40,100")))
        {
            Assert.True(solver.Recognizes(s.Messages));
            var score = evaluator.Score(s, solver.Solve(s.Messages, 9));
            Assert.Equal(1.0, score.Score);
            Assert.Equal("true", score.Columns["strict_pass"]);
        }
    }

    [Fact]
    public async Task WindowLimitedSolveFailsWhenTheNeedleIsOutsideTheWindow()
    {
        var evaluator = new NiahEvaluator();
        var solver = new NiahSolver();
        var samples = await Samples(42, ("context_lengths", "16000"), ("depths", "0,25,75,100"));
        var scores = new List<double>();
        foreach (var s in samples)
        {
            var content = s.Messages[0].Content;
            var window = content[O200kTokenizer.Shared.GetStartIndexOfLastTokens(content, 8000)..];
            Assert.True(solver.Recognizes(s.Messages));
            scores.Add(evaluator.Score(s, solver.Solve([new ChatMessage("user", window)], 5)).Score);
        }
        // 8000 of 16000 tokens visible: depths 0 and 25 fall before the window, 75 and 100 inside it.
        Assert.Equal([0.0, 0.0, 1.0, 1.0], scores);
    }

    [Fact]
    public void GuessesHaveTheRightShapeAndAreReproducible()
    {
        Assert.Matches("^[1-9][0-9]{6}$", NiahSolver.Guess("number", "amber-otter", 1));
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", NiahSolver.Guess("uuid", "k", 1));
        Assert.Matches("^[a-z]+$", NiahSolver.Guess("word", "k", 1));
        Assert.Equal(NiahSolver.Guess("number", "k", 7), NiahSolver.Guess("number", "k", 7));
        Assert.NotEqual(NiahSolver.Guess("number", "k", 7), NiahSolver.Guess("number", "k", 8));
    }
}
