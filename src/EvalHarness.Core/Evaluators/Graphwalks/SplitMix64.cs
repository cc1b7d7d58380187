namespace EvalHarness.Core.Evaluators.Graphwalks;

/// <summary>
/// Seeded PRNG (SplitMix64, Steele et al. 2014): same sequence on every runtime, unlike System.Random.
/// Private to this folder until the shared <c>EvalHarness.Core.Text.StablePrng</c> lands.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

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
