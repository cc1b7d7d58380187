using System.Globalization;
using System.Runtime.CompilerServices;
using EvalHarness.Core.Evaluators.Mrcr.Generation;

namespace EvalHarness.Core.Evaluators.Mrcr;

/// <summary>Generated samples: for each n_needles, each bin, <c>rows_per_bin</c> conversations.</summary>
internal static class MrcrGeneratedSamples
{
    public static async IAsyncEnumerable<EvalSample> GetAsync(int seed, MrcrOptions options, [EnumeratorCancellation] CancellationToken ct)
    {
        var generator = new MrcrConversationGenerator();
        foreach (var n in options.NNeedles)
        {
            foreach (var bin in options.Bins)
            {
                for (var i = 0; i < options.RowsPerBin!.Value; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    // Each sample has its own stream, so filtering options never change the other samples.
                    var sampleSeed = SplitMix64.Mix((ulong)(uint)seed, (ulong)n, (ulong)bin.Hi, (ulong)i);
                    var c = generator.Generate(sampleSeed, n, bin, options.MaxContextTokens);
                    var id = string.Create(CultureInfo.InvariantCulture, $"gen-n{n}-{bin.Label}-{i:D3}");
                    yield return MrcrSampleBuilder.Build(
                        id, c.Messages, c.Answer, c.Hash, n, bin, c.ContextTokens, c.Messages.Count, c.DesiredMsgIndex,
                        c.NChars, "generated", "", options.MaxOutputTokens);
                    await Task.Yield(); // a 1M-token conversation takes a while; let the engine start sending
                }
            }
        }
    }
}
