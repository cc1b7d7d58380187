namespace EvalHarness.Simulator.Internal;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast and identical on every platform, which System.Random is not
/// promised to be. Used for every seeded decision of the simulator.
/// </summary>
internal struct SplitMix64(ulong state)
{
    private ulong _state = state;

    public ulong Next() => EvalHarness.Core.Text.StablePrng.Step(ref _state);

    /// <summary>A double uniform in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>The SplitMix64 finaliser: a strong 64-bit bijective mix, also used to combine hashes.</summary>
    public static ulong Mix(ulong z) => EvalHarness.Core.Text.StablePrng.Finalise(z);

    /// <summary>Uniform [0, 1) value for one (seed, stream, index) triple, without keeping state.</summary>
    public static double UnitAt(ulong seed, ulong stream, ulong index) =>
        (Mix(Mix(seed ^ Mix(stream)) + index * 0x9E3779B97F4A7C15UL) >> 11) * (1.0 / (1UL << 53));

    /// <summary>FNV-1a over the UTF-16 code units: an ordinal, platform-independent 64-bit string hash (pinned: solver seeds use it).</summary>
    public static ulong HashString(string value)
    {
        var h = 14695981039346656037UL;
        foreach (var c in value)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }
}
