using System.Runtime.CompilerServices;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;

namespace EvalHarness.Benchmarks.Engine;

/// <summary>
/// A minimal eval for measuring the harness itself: tiny prompts and answers, so the timings are the engine's,
/// the SDK's and HTTP's, not the model's or the scorer's.
/// </summary>
internal sealed class EchoEvaluator(int count, int paddingWordsStep = 0) : IEvaluator
{
    public string Name => "echo";

    public string Description => "benchmark-only: tiny prompts";

    public IReadOnlyList<string> Columns => [];

    public async IAsyncEnumerable<EvalSample> GetSamples(EvalRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        for (var i = 0; i < count; i++)
        {
            yield return new EvalSample
            {
                Id = "echo-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Eval = Name,
                Group = "echo",
                Messages = [new ChatMessage("user", Padding(i) + "Say hello number " + i.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                MaxOutputTokens = 16,
            };
        }
    }

    /// <summary>Prompt sizes cycle through 0, step, 2*step, ... words so TTFT can be checked across prompt lengths.</summary>
    private string Padding(int i) =>
        paddingWordsStep == 0 ? "" : string.Concat(Enumerable.Repeat("amber river stone ", i % 10 * paddingWordsStep / 3));

    public SampleScore Score(EvalSample sample, string responseText) => SampleScore.Of(responseText.Length > 0 ? 1 : 0, responseText.Length > 0);
}
