using System.Runtime.InteropServices;

namespace EvalHarness.Core.Text;

/// <summary>
/// Python's <c>SequenceMatcher.b2j</c> (element → ascending positions in b) as one flat array: the positions of
/// slot s are <c>Positions[SlotStarts[s]..SlotStarts[s+1])</c>. Popular elements (autojunk) get no slot.
/// </summary>
internal sealed class B2JIndex
{
    private readonly Dictionary<int, int> _slotOf;
    private readonly HashSet<int> _popular;

    private B2JIndex(Dictionary<int, int> slotOf, HashSet<int> popular, int[] slotStarts, int[] positions)
    {
        _slotOf = slotOf;
        _popular = popular;
        SlotStarts = slotStarts;
        Positions = positions;
    }

    public int[] SlotStarts { get; }

    public int[] Positions { get; }

    public bool IsPopular(int element) => _popular.Contains(element);

    public static B2JIndex Build(int[] b, bool autojunk)
    {
        var counts = new Dictionary<int, int>();
        foreach (var element in b) CollectionsMarshal.GetValueRefOrAddDefault(counts, element, out _)++;

        // CPython: with autojunk and n >= 200, an element occurring more than n // 100 + 1 times is dropped.
        var popular = new HashSet<int>();
        var n = b.Length;
        if (autojunk && n >= 200)
        {
            var ntest = n / 100 + 1;
            foreach (var (element, count) in counts)
            {
                if (count > ntest) popular.Add(element);
            }
        }

        var slotOf = new Dictionary<int, int>(counts.Count - popular.Count);
        var slotStarts = new int[counts.Count - popular.Count + 1];
        var total = 0;
        foreach (var (element, count) in counts)
        {
            if (popular.Contains(element)) continue;
            var slot = slotOf.Count;
            slotOf.Add(element, slot);
            slotStarts[slot] = total;
            total += count;
        }

        slotStarts[^1] = total;
        var positions = new int[total];
        var fill = slotStarts[..^1];
        for (var j = 0; j < n; j++)
        {
            if (slotOf.TryGetValue(b[j], out var slot)) positions[fill[slot]++] = j;
        }

        return new B2JIndex(slotOf, popular, slotStarts, positions);
    }

    /// <summary>The slot of each element of <paramref name="a"/>, -1 when it has none.</summary>
    public int[] SlotsOf(int[] a)
    {
        var slots = new int[a.Length];
        for (var i = 0; i < a.Length; i++) slots[i] = _slotOf.TryGetValue(a[i], out var slot) ? slot : -1;
        return slots;
    }
}
