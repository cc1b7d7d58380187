namespace EvalHarness.Core.Evaluators.Graphwalks;

/// <summary>
/// Seeded PRNG (SplitMix64, Steele et al. 2014): same sequence on every runtime, unlike System.Random.
/// Private to this folder until the shared <c>EvalHarness.Core.Text.StablePrng</c> lands.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64() => EvalHarness.Core.Text.StablePrng.Step(ref _state);

    /// <summary>Uniform integer in [0, maxExclusive), unbiased (Lemire's multiply-shift with rejection).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var n = (ulong)maxExclusive;
        var high = Math.BigMul(NextUInt64(), n, out var low);
        if (low < n)
        {
            var threshold = (0UL - n) % n;
            while (low < threshold) high = Math.BigMul(NextUInt64(), n, out low);
        }
        return (int)high;
    }

    /// <summary>A seed derived from a parent seed and labels, so each sample has its own independent stream.</summary>
    public static ulong Derive(ulong seed, params ReadOnlySpan<ulong> parts)
    {
        var rng = new SplitMix64(seed);
        var h = rng.NextUInt64();
        foreach (var part in parts) h = new SplitMix64(h ^ part).NextUInt64();
        return h;
    }
}
