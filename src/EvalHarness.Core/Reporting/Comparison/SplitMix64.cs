namespace EvalHarness.Core.Reporting.Comparison;

/// <summary>
/// SplitMix64 (Vigna): a tiny, fully specified PRNG, so a seeded bootstrap gives the same numbers on every runtime
/// and can be reproduced outside .NET (System.Random's algorithm is an implementation detail).
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next() => EvalHarness.Core.Text.StablePrng.Step(ref _state);

    /// <summary>An index in [0, n): the high 64 bits of next * n (Lemire's multiply-shift, no modulo).</summary>
    public int NextIndex(int n) => (int)(((UInt128)Next() * (ulong)n) >> 64);
}
