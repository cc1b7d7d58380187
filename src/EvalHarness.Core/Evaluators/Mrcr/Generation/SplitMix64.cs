namespace EvalHarness.Core.Evaluators.Mrcr.Generation;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, fully specified generator, so a seed gives the same prompts on every
/// runtime (System.Random's seeded sequence is an implementation detail). Not thread-safe; one per sample.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64() => EvalHarness.Core.Text.StablePrng.Step(ref _state);

    /// <summary>Uniform integer in [0, bound) by rejection (no modulo bias).</summary>
    public int Next(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var b = (ulong)bound;
        var limit = ulong.MaxValue - (ulong.MaxValue % b);
        ulong x;
        do x = NextUInt64(); while (x >= limit);
        return (int)(x % b);
    }

    /// <summary>Uniform integer in [min, max] (inclusive).</summary>
    public int NextInclusive(int min, int max) => min + Next(max - min + 1);

    public bool Chance(int percent) => Next(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Mixes several values into one seed, so each sample's stream is independent of the others.</summary>
    public static ulong Mix(params ReadOnlySpan<ulong> parts)
    {
        var rng = new SplitMix64(0x6D72637253656564UL); // "mrcrSeed"
        ulong h = rng.NextUInt64();
        foreach (var p in parts)
        {
            rng = new SplitMix64(h ^ p);
            h = rng.NextUInt64();
        }
        return h;
    }
}
