using EvalHarness.Core.Text;

namespace EvalHarness.Core.Evaluators.Graphwalks;

/// <summary>How Graphwalks derives each sample's stream from the run seed (part of what fixes its samples).</summary>
internal static class GraphwalksSeed
{
    /// <summary>A seed derived from a parent seed and labels, so each sample has its own independent stream.</summary>
    public static ulong Derive(ulong seed, params ReadOnlySpan<ulong> parts)
    {
        var h = new StablePrng(seed).NextUInt64();
        foreach (var part in parts) h = new StablePrng(h ^ part).NextUInt64();
        return h;
    }
}
