namespace EvalHarness.Core.Reporting.Comparison;

/// <summary>
/// SplitMix64 (Vigna): a tiny, fully specified PRNG, so a seeded bootstrap gives the same numbers on every runtime
/// and can be reproduced outside .NET (System.Random's algorithm is an implementation detail).
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>An index in [0, n): the high 64 bits of next * n (Lemire's multiply-shift, no modulo).</summary>
    public int NextIndex(int n) => (int)(((UInt128)Next() * (ulong)n) >> 64);
}
