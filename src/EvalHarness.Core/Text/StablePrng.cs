namespace EvalHarness.Core.Text;

/// <summary>
/// SplitMix64: a tiny PRNG whose sequence is a fixed contract (same seed, same numbers on every runtime and machine),
/// unlike <see cref="Random"/>. Not thread-safe; not for cryptography.
/// </summary>
public sealed class StablePrng
{
    private ulong _state;

    public StablePrng(ulong seed) => _state = seed;

    /// <summary>A generator seeded from several values (e.g. seed, context length, depth, sample index) by mixing.</summary>
    public static StablePrng FromParts(params ReadOnlySpan<long> parts) => new(Mix(parts));

    /// <summary>Order-sensitive 64-bit mix of <paramref name="parts"/> (SplitMix64 finaliser chained over the parts).</summary>
    public static ulong Mix(params ReadOnlySpan<long> parts)
    {
        var h = 0x6A09E667F3BCC909UL;
        foreach (var part in parts) h = Finalise(h ^ Finalise(unchecked((ulong)part) + 0x9E3779B97F4A7C15UL));
        return h;
    }

    public ulong NextUInt64() => Step(ref _state);

    /// <summary>
    /// One SplitMix64 step: advance <paramref name="state"/> by the golden gamma and return its finalised value.
    /// The single implementation of the sequence; evaluators that keep their own bounded-int rules build on it.
    /// </summary>
    public static ulong Step(ref ulong state)
    {
        state = unchecked(state + 0x9E3779B97F4A7C15UL);
        return Finalise(state);
    }

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>) without modulo bias (Lemire's multiply-and-reject).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var range = (ulong)maxExclusive;
        var threshold = (0UL - range) % range; // 2^64 mod range
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), range, out var low);
            if (low >= threshold) return (int)product;
        }
    }

    /// <summary>Uniform in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int minInclusive, int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxExclusive, minInclusive);
        return minInclusive + NextInt(maxExclusive - minInclusive);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Fisher-Yates shuffle in place (from the end, j in [0, i]).</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>One element of <paramref name="items"/>, uniformly.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[NextInt(items.Count)];

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mix, also used to combine hashes.</summary>
    public static ulong Finalise(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
