using System.Diagnostics;

namespace EvalHarness.Simulator.Internal;

/// <summary>
/// Waits until a point on a <see cref="Stopwatch"/> timeline with sub-millisecond accuracy: Task.Delay for the bulk
/// (it fires late by a millisecond or more), then a short yielding spin for the rest.
/// </summary>
internal static class PreciseDelay
{
    // Task.Delay overshoots by up to ~1-2 ms on Linux plus thread-pool pickup; leave that much to the spin.
    private static readonly TimeSpan SpinMargin = TimeSpan.FromMilliseconds(2.5);

    public static async ValueTask WaitUntilAsync(long startTimestamp, TimeSpan target, CancellationToken ct)
    {
        var remaining = target - Stopwatch.GetElapsedTime(startTimestamp);
        if (remaining <= TimeSpan.Zero) return;
        if (remaining > SpinMargin) await Task.Delay(remaining - SpinMargin, ct).ConfigureAwait(false);
        while (Stopwatch.GetElapsedTime(startTimestamp) < target)
        {
            ct.ThrowIfCancellationRequested();
            Thread.Yield();
        }
    }

    /// <summary>Coarse wait (no spin): for decode pacing, where the average rate matters, not each chunk.</summary>
    public static Task WaitUntilCoarseAsync(long startTimestamp, TimeSpan target, CancellationToken ct)
    {
        var remaining = target - Stopwatch.GetElapsedTime(startTimestamp);
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, ct) : Task.CompletedTask;
    }
}
