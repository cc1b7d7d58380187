using System.Runtime.CompilerServices;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Running;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Tests.Running;

public sealed class SamplePlanTests
{
    /// <summary>Yields the given (eval, id) samples under the name "niah".</summary>
    private sealed class FixedEvaluator(params (string Eval, string Id)[] samples) : IEvaluator
    {
        public string Name => "niah";

        public string Description => "";

        public IReadOnlyList<string> Columns => [];

        public async IAsyncEnumerable<EvalSample> GetSamples(EvalRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            foreach (var (eval, id) in samples) yield return new EvalSample { Id = id, Eval = eval, Messages = [new ChatMessage("user", "q")], Group = "all" };
        }

        public SampleScore Score(EvalSample sample, string responseText) => throw new NotSupportedException();
    }

    [Fact]
    public async Task ASampleOfAnotherEvalIsRefusedBeforeAnythingIsSent()
    {
        var error = await Assert.ThrowsAsync<EvalInputException>(() =>
            RunCoordinator.LoadSamplesAsync([(new FixedEvaluator(("niah", "a"), ("mrcr", "b")), new EvalRequest())], TestContext.Current.CancellationToken));
        Assert.Contains("'b'", error.Message);
        Assert.Contains("'mrcr'", error.Message);
    }

    [Fact]
    public async Task ADuplicateSampleIdIsAnInputError()
    {
        var error = await Assert.ThrowsAsync<EvalInputException>(() =>
            RunCoordinator.LoadSamplesAsync([(new FixedEvaluator(("niah", "a"), ("niah", "a")), new EvalRequest())], TestContext.Current.CancellationToken));
        Assert.Contains("'a'", error.Message);
    }
}
