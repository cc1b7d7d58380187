using EvalHarness.Simulator.Internal;

namespace EvalHarness.Simulator.Faults;

/// <summary>Draws the fault (if any) for the n-th chat request, deterministically from the seed.</summary>
internal sealed class FaultInjector(FaultOptions options, ulong seed)
{
    private const ulong FaultStream = 0x6661756C74UL; // "fault"

    public FaultKind? Draw(long requestNumber)
    {
        if (!options.Any) return null;
        var u = SplitMix64.UnitAt(seed, FaultStream, (ulong)requestNumber);
        // Consecutive slices of [0, 1): each kind gets exactly its configured share of the unit interval.
        ReadOnlySpan<(double Rate, FaultKind Kind)> slices =
        [
            (options.RateLimitRate, FaultKind.RateLimit),
            (options.InsufficientQuotaRate, FaultKind.InsufficientQuota),
            (options.ServerErrorRate, FaultKind.ServerError),
            (options.ServiceUnavailableRate, FaultKind.ServiceUnavailable),
            (options.DropConnectionRate, FaultKind.DropConnection),
            (options.TruncatedStreamRate, FaultKind.TruncatedStream),
            (options.EarlyEndRate, FaultKind.EarlyEnd),
        ];
        var edge = 0.0;
        foreach (var (rate, kind) in slices)
        {
            edge += rate;
            if (u < edge) return kind;
        }

        return null;
    }
}
