using System.Runtime.InteropServices;

namespace EvalHarness.Core.Text;

/// <summary>A matching block: <c>a[A..A+Size) == b[B..B+Size)</c>. Same shape as Python's <c>difflib.Match</c>.</summary>
public readonly record struct Match(int A, int B, int Size);

/// <summary>
/// A port of CPython 3.11 <c>difflib.SequenceMatcher</c> with <c>isjunk=None</c>, giving bit-identical
/// <see cref="Ratio()"/> values. Strings are compared as sequences of Unicode code points, as Python's <c>str</c> is.
/// Not thread-safe: an instance reuses a scratch buffer between <see cref="FindLongestMatch"/> calls.
/// </summary>
public sealed class SequenceMatcher
{
    private readonly int[] _a;
    private readonly int[] _b;
    private readonly B2JIndex _b2j;

    // Slot of each a[i] in the b2j index, or -1 when the element is absent from b or popular.
    private readonly int[] _aSlots;

    // Python keeps j2len dicts per row; here one array indexed by j+1 holds (row stamp << 32 | length),
    // so no clearing is needed between rows or calls: a stale stamp reads as length 0.
    private long[]? _j2len;
    private int _stamp;

    private Match[]? _matchingBlocks;
    private Dictionary<int, int>? _fullBCount;

    public SequenceMatcher(string a, string b, bool autojunk = true)
        : this(CodePoints.FromString(a), CodePoints.FromString(b), autojunk, copy: false)
    {
    }

    /// <param name="a">The first sequence (copied).</param>
    /// <param name="b">The second sequence (copied); the autojunk rule is applied to it.</param>
    /// <param name="autojunk">Python's <c>autojunk</c>.</param>
    public SequenceMatcher(int[] a, int[] b, bool autojunk = true)
        : this(a, b, autojunk, copy: true)
    {
    }

    private SequenceMatcher(int[] a, int[] b, bool autojunk, bool copy)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        _a = copy ? (int[])a.Clone() : a;
        _b = copy ? (int[])b.Clone() : b;
        AutoJunk = autojunk;
        _b2j = B2JIndex.Build(_b, autojunk);
        _aSlots = _b2j.SlotsOf(_a);
    }

    /// <summary>Python's <c>len(a)</c> in code points.</summary>
    public int LengthA => _a.Length;

    /// <summary>Python's <c>len(b)</c> in code points.</summary>
    public int LengthB => _b.Length;

    public bool AutoJunk { get; }

    /// <summary>Python's <c>SequenceMatcher(None, a, b, autojunk).ratio()</c>.</summary>
    public static double Ratio(string a, string b, bool autojunk = true) => new SequenceMatcher(a, b, autojunk).Ratio();

    /// <summary>Elements of b that the autojunk rule removed from the index (Python's <c>bpopular</c>).</summary>
    public bool IsPopular(int element) => _b2j.IsPopular(element);

    /// <summary>
    /// The longest matching block in <c>a[alo..ahi)</c> and <c>b[blo..bhi)</c>, with CPython's tie-breaking: the
    /// earliest start in a, then the earliest start in b; popular elements can only join a match by extension.
    /// </summary>
    public Match FindLongestMatch(int alo, int ahi, int blo, int bhi)
    {
        if (alo < 0 || ahi < alo || ahi > _a.Length) throw new ArgumentOutOfRangeException(nameof(ahi), "need 0 <= alo <= ahi <= len(a)");
        if (blo < 0 || bhi < blo || bhi > _b.Length) throw new ArgumentOutOfRangeException(nameof(bhi), "need 0 <= blo <= bhi <= len(b)");
        return FindLongestMatchCore(alo, ahi, blo, bhi);
    }

    /// <summary>
    /// Python's <c>get_matching_blocks()</c>: sorted, adjacent blocks merged, ending with the sentinel
    /// <c>(len(a), len(b), 0)</c>.
    /// </summary>
    public IReadOnlyList<Match> GetMatchingBlocks() => _matchingBlocks ??= ComputeMatchingBlocks();

    /// <summary>Python's <c>ratio()</c>: <c>2.0 * matches / (len(a) + len(b))</c>, or 1.0 when both are empty.</summary>
    public double Ratio()
    {
        var matches = 0;
        foreach (var block in GetMatchingBlocks()) matches += block.Size;
        return CalculateRatio(matches, _a.Length + _b.Length);
    }

    /// <summary>Python's <c>quick_ratio()</c>: an upper bound on <see cref="Ratio()"/> from element counts only.</summary>
    public double QuickRatio()
    {
        if (_fullBCount is null)
        {
            _fullBCount = [];
            foreach (var element in _b) CollectionsMarshal.GetValueRefOrAddDefault(_fullBCount, element, out _)++;
        }

        var available = new Dictionary<int, int>(_fullBCount);
        var matches = 0;
        foreach (var element in _a)
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(available, element);
            if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref count) && count-- > 0) matches++;
        }

        return CalculateRatio(matches, _a.Length + _b.Length);
    }

    /// <summary>Python's <c>real_quick_ratio()</c>: an upper bound on <see cref="QuickRatio"/> from lengths only.</summary>
    public double RealQuickRatio() => CalculateRatio(Math.Min(_a.Length, _b.Length), _a.Length + _b.Length);

    // Same operations in the same order as difflib._calculate_ratio, so the double is bit-identical.
    private static double CalculateRatio(int matches, int length) => length == 0 ? 1.0 : 2.0 * matches / length;

    private Match FindLongestMatchCore(int alo, int ahi, int blo, int bhi)
    {
        var a = _a;
        var b = _b;
        var j2len = _j2len ??= new long[b.Length + 1];
        var positions = _b2j.Positions;
        var slotStarts = _b2j.SlotStarts;

        // Stamps must stay unique across calls; +1 here makes the previous call's last row look stale.
        if (_stamp > int.MaxValue - (ahi - alo) - 2)
        {
            Array.Clear(j2len);
            _stamp = 0;
        }

        var stamp = ++_stamp;
        int besti = alo, bestj = blo, bestsize = 0;
        for (var i = alo; i < ahi; i++)
        {
            var previous = stamp;
            stamp++;
            var slot = _aSlots[i];
            if (slot < 0) continue;

            var lo = LowerBound(positions, slotStarts[slot], slotStarts[slot + 1], blo);
            var hi = LowerBound(positions, lo, slotStarts[slot + 1], bhi);

            // Descending j lets one array serve as both Python's j2len (read at j) and newj2len (written at j+1):
            // slot j is only overwritten after it has been read. Ties then go to the smallest j via >=.
            int rowBest = 0, rowBestJ = 0;
            for (var p = hi - 1; p >= lo; p--)
            {
                var j = positions[p];
                var entry = j2len[j];
                var k = (int)(entry >> 32) == previous ? (int)entry + 1 : 1;
                j2len[j + 1] = ((long)stamp << 32) | (uint)k;
                if (k >= rowBest)
                {
                    rowBest = k;
                    rowBestJ = j;
                }
            }

            if (rowBest > bestsize)
            {
                besti = i - rowBest + 1;
                bestj = rowBestJ - rowBest + 1;
                bestsize = rowBest;
            }
        }

        _stamp = stamp;

        // With isjunk=None, bjunk is empty, so CPython's first pair of loops extends over any equal elements
        // (popular ones included) and its second pair (junk-only) never runs.
        while (besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1])
        {
            besti--;
            bestj--;
            bestsize++;
        }

        while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] == b[bestj + bestsize]) bestsize++;

        return new Match(besti, bestj, bestsize);
    }

    private static int LowerBound(int[] sorted, int lo, int hi, int value)
    {
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }

    private Match[] ComputeMatchingBlocks()
    {
        var la = _a.Length;
        var lb = _b.Length;
        var queue = new Stack<(int Alo, int Ahi, int Blo, int Bhi)>();
        queue.Push((0, la, 0, lb));
        var blocks = new List<Match>();
        while (queue.Count > 0)
        {
            var (alo, ahi, blo, bhi) = queue.Pop();
            var match = FindLongestMatchCore(alo, ahi, blo, bhi);
            var (i, j, k) = match;
            if (k == 0) continue;
            blocks.Add(match);
            if (alo < i && blo < j) queue.Push((alo, i, blo, j));
            if (i + k < ahi && j + k < bhi) queue.Push((i + k, ahi, j + k, bhi));
        }

        // Blocks are disjoint in a, so ordering by A equals Python's tuple sort.
        blocks.Sort(static (x, y) => x.A.CompareTo(y.A));

        var merged = new List<Match>(blocks.Count + 1);
        int i1 = 0, j1 = 0, k1 = 0;
        foreach (var (i2, j2, k2) in blocks)
        {
            if (i1 + k1 == i2 && j1 + k1 == j2)
            {
                k1 += k2;
            }
            else
            {
                if (k1 != 0) merged.Add(new Match(i1, j1, k1));
                (i1, j1, k1) = (i2, j2, k2);
            }
        }

        if (k1 != 0) merged.Add(new Match(i1, j1, k1));
        merged.Add(new Match(la, lb, 0));
        return [.. merged];
    }
}
