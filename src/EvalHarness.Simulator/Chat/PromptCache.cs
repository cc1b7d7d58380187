using System.Collections.Concurrent;
using EvalHarness.Simulator.Internal;

namespace EvalHarness.Simulator.Chat;

/// <summary>
/// OpenAI-style automatic prefix caching: a prompt of at least 1024 tokens reuses the longest prefix, in 128-token
/// blocks, that an earlier request to the same model already sent. Only the count is simulated (no real KV cache).
/// </summary>
internal sealed class PromptCache
{
    public const int BlockTokens = 128;
    public const int MinimumCachedTokens = 1024;

    // Crude bound on memory: forget everything past ~128M cached tokens (1M blocks) rather than grow without limit.
    private const int MaxEntries = 1 << 20;

    private readonly ConcurrentDictionary<ulong, byte> _blocks = new();

    /// <summary>Cached prompt tokens for this request, and remembers its blocks for later requests.</summary>
    public int LookupAndAdd(string modelId, Prompt prompt)
    {
        if (prompt.PrefixBlockHashes.Count * BlockTokens < MinimumCachedTokens) return 0;
        var model = SplitMix64.Mix(SplitMix64.HashString(modelId));
        var hit = 0;
        while (hit < prompt.PrefixBlockHashes.Count && _blocks.ContainsKey(model ^ prompt.PrefixBlockHashes[hit])) hit++;

        if (_blocks.Count > MaxEntries) _blocks.Clear();
        foreach (var block in prompt.PrefixBlockHashes) _blocks.TryAdd(model ^ block, 0);

        var cached = hit * BlockTokens;
        return cached >= MinimumCachedTokens ? cached : 0;
    }
}

/// <summary>Chained hashes of consecutive fixed-size token blocks.</summary>
internal sealed class PrefixBlockHasher
{
    private readonly List<ulong> _hashes = [];
    private ulong _chain = 0x243F6A8885A308D3UL;
    private ulong _block;
    private int _inBlock;

    public IReadOnlyList<ulong> Hashes => _hashes;

    public void AddMessage(string role, IReadOnlyList<int> contentIds)
    {
        // Stand-ins for the role and separator tokens the real chat format puts before each message.
        var roleToken = 0UL;
        foreach (var c in role) roleToken = roleToken * 31 + c;
        Add(0xFFFF_0001UL);
        Add(0xFFFF_0000_0000UL | roleToken);
        Add(0xFFFF_0002UL);
        foreach (var id in contentIds) Add((ulong)id);
    }

    private void Add(ulong token)
    {
        _block = SplitMix64.Mix(_block ^ token) + 0x9E3779B97F4A7C15UL;
        if (++_inBlock < PromptCache.BlockTokens) return;
        _chain = SplitMix64.Mix(_chain ^ _block);
        _hashes.Add(_chain);
        _block = 0;
        _inBlock = 0;
    }
}
