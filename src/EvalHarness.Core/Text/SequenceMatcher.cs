namespace EvalHarness.Core.Text;

/// <summary>A matching block: <c>a[A..A+Size) == b[B..B+Size)</c>. Same shape as Python's <c>difflib.SequenceMatch</c>.</summary>
public readonly record struct SequenceMatch(int A, int B, int Size);

/// <summary>
/// A port of CPython 3.11 <c>difflib.SequenceMatcher</c> with <c>isjunk=None</c>, giving bit-identical
/// <see cref="Ratio()"/> values. Strings are compared as sequences of Unicode code points, as Python's <c>str</c> is.
/// An instance is not thread-safe (it reuses scratch buffers); the static <see cref="Ratio(string, string, bool)"/> is.
/// </summary>
public sealed class SequenceMatcher
{
    // The per-thread matcher behind the static Ratio is dropped after inputs longer than this, or with more
    // MatchRuns pairs, so a thread retains at most a few MB.
    private const int MaxCachedLength = 1 << 18;
    private const int MaxCachedPairs = 1 << 19;

    private const int ExtendChunk = 32;

    [ThreadStatic]
    private static SequenceMatcher? t_cached;

    private readonly B2JIndex _b2j = new();

    // Both sequences as B2JIndex ids (equal ids mean equal code points; an id is also a b2j slot), in buffers that
    // may be longer than the sequences.
    private int[] _a = [];
    private int[] _b = [];
    private int _la;
    private int _lb;

    // CPython keeps j2len dicts per row; here one array indexed by j+1 holds (row stamp << 32 | length),
    // so nothing is cleared between rows or calls: a stale stamp reads as length 0.
    private long[] _j2len = [];
    private int _stamp;

    // Built on the first longest-match search; see MatchRuns. _wholeLongest answers whole-range searches.
    private readonly MatchRuns _runs = new();
    private bool _runsTried;
    private bool _runsAvailable;
    private SequenceMatch _wholeLongest;

    private readonly Stack<(int Alo, int Ahi, int Blo, int Bhi)> _queue = new();
    private SequenceMatch[]? _matchingBlocks;

    public SequenceMatcher(string a, string b, bool autojunk = true) => SetSequences(a, b, autojunk);

    /// <param name="a">The first sequence of code points (or any integers; copied).</param>
    /// <param name="b">The second sequence (copied); the autojunk rule is applied to it.</param>
    /// <param name="autojunk">Python's <c>autojunk</c>.</param>
    public SequenceMatcher(int[] a, int[] b, bool autojunk = true)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        AutoJunk = autojunk;
        _b2j.IndexB(b, autojunk, ref _b);
        _lb = b.Length;
        _b2j.ToIds(a, ref _a);
        _la = a.Length;
    }

    /// <summary>Python's <c>len(a)</c> in code points.</summary>
    public int LengthA => _la;

    /// <summary>Python's <c>len(b)</c> in code points.</summary>
    public int LengthB => _lb;

    public bool AutoJunk { get; private set; }

    /// <summary>
    /// Above this many (i, j) pairs the MatchRuns table is skipped for the row-by-row search. Tests set it (before
    /// the first search) to exercise that fallback.
    /// </summary>
    internal int MaxMatchRunPairs { get; set; } = MatchRuns.MaxPairs;

    /// <summary>
    /// Python's <c>SequenceMatcher(None, a, b, autojunk).ratio()</c>. Reuses a per-thread matcher, so scoring many
    /// pairs allocates almost nothing.
    /// </summary>
    public static double Ratio(string a, string b, bool autojunk = true)
    {
        var matcher = t_cached ?? new SequenceMatcher();
        t_cached = null; // re-entrancy safe: a nested call would build its own matcher
        matcher.SetSequences(a, b, autojunk);
        var ratio = CalculateRatio(matcher.CountMatches(), matcher._la + matcher._lb);
        if (matcher._a.Length <= MaxCachedLength && matcher._b.Length <= MaxCachedLength && matcher._runs.PairCapacity <= MaxCachedPairs)
        {
            t_cached = matcher;
        }

        return ratio;
    }

    /// <summary>Elements of b that the autojunk rule removed from the index (Python's <c>bpopular</c>).</summary>
    public bool IsPopular(int element) => _b2j.IsPopular(element);

    /// <summary>
    /// The longest matching block in <c>a[alo..ahi)</c> and <c>b[blo..bhi)</c>, with CPython's tie-breaking: the
    /// earliest start in a, then the earliest start in b; popular elements can only join a match by extension.
    /// </summary>
    public SequenceMatch FindLongestMatch(int alo, int ahi, int blo, int bhi)
    {
        if (alo < 0 || ahi < alo || ahi > _la) throw new ArgumentOutOfRangeException(nameof(ahi), "need 0 <= alo <= ahi <= len(a)");
        if (blo < 0 || bhi < blo || bhi > _lb) throw new ArgumentOutOfRangeException(nameof(bhi), "need 0 <= blo <= bhi <= len(b)");
        return FindLongestMatchCore(alo, ahi, blo, bhi);
    }

    /// <summary>
    /// Python's <c>get_matching_blocks()</c>: sorted, adjacent blocks merged, ending with the sentinel
    /// <c>(len(a), len(b), 0)</c>.
    /// </summary>
    public IReadOnlyList<SequenceMatch> GetMatchingBlocks() => _matchingBlocks ??= ComputeMatchingBlocks();

    /// <summary>Python's <c>ratio()</c>: <c>2.0 * matches / (len(a) + len(b))</c>, or 1.0 when both are empty.</summary>
    public double Ratio()
    {
        var matches = 0;
        foreach (var block in GetMatchingBlocks()) matches += block.Size;
        return CalculateRatio(matches, _la + _lb);
    }

    /// <summary>Python's <c>quick_ratio()</c>: an upper bound on <see cref="Ratio()"/> from element counts only.</summary>
    public double QuickRatio()
    {
        var available = _b2j.Counts.ToArray();
        var matches = 0;
        foreach (var id in _a.AsSpan(0, _la))
        {
            if (id >= 0 && available[id]-- > 0) matches++;
        }

        return CalculateRatio(matches, _la + _lb);
    }

    /// <summary>Python's <c>real_quick_ratio()</c>: an upper bound on <see cref="QuickRatio"/> from lengths only.</summary>
    public double RealQuickRatio() => CalculateRatio(Math.Min(_la, _lb), _la + _lb);

    private SequenceMatcher()
    {
    }

    private void SetSequences(string a, string b, bool autojunk)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        AutoJunk = autojunk;
        _matchingBlocks = null;
        _runsTried = false;
        _runsAvailable = false;
        _lb = _b2j.IndexB(b, autojunk, ref _b);
        _la = _b2j.ToIds(a, ref _a);
    }

    // Same operations in the same order as difflib._calculate_ratio, so the double is bit-identical.
    private static double CalculateRatio(int matches, int length) => length == 0 ? 1.0 : 2.0 * matches / length;

    private SequenceMatch FindLongestMatchCore(int alo, int ahi, int blo, int bhi)
    {
        // Building the table costs about one row-by-row search, and get_matching_blocks usually searches many times.
        if (!_runsTried)
        {
            _runsTried = true;
            _runsAvailable = _runs.TryBuild(_a.AsSpan(0, _la), _b2j, _lb, MaxMatchRunPairs, ref _j2len, ref _stamp, out _wholeLongest);
        }

        var (besti, bestj, bestsize) = !_runsAvailable ? LongestByRows(alo, ahi, blo, bhi)
            : alo == 0 && ahi == _la && blo == 0 && bhi == _lb ? _wholeLongest
            : _runs.Longest(alo, ahi, blo, bhi);

        // With isjunk=None, bjunk is empty, so CPython's first pair of loops extends over any equal elements
        // (popular ones included) and its second pair (junk-only) never runs.
        // Near-duplicates extend over thousands of elements, so compare in vectorized chunks.
        var a = _a;
        var b = _b;
        var back = 0;
        var backLimit = Math.Min(besti - alo, bestj - blo);
        while (back + ExtendChunk <= backLimit
            && a.AsSpan(besti - back - ExtendChunk, ExtendChunk).SequenceEqual(b.AsSpan(bestj - back - ExtendChunk, ExtendChunk)))
        {
            back += ExtendChunk;
        }

        while (back < backLimit && a[besti - back - 1] == b[bestj - back - 1]) back++;
        besti -= back;
        bestj -= back;
        bestsize += back;

        var forwardLimit = Math.Min(ahi - besti, bhi - bestj);
        while (bestsize + ExtendChunk <= forwardLimit
            && a.AsSpan(besti + bestsize, ExtendChunk).SequenceEqual(b.AsSpan(bestj + bestsize, ExtendChunk)))
        {
            bestsize += ExtendChunk;
        }

        while (bestsize < forwardLimit && a[besti + bestsize] == b[bestj + bestsize]) bestsize++;
        return new SequenceMatch(besti, bestj, bestsize);
    }

    // CPython's loop row by row, for inputs whose MatchRuns table would be too large.
    private SequenceMatch LongestByRows(int alo, int ahi, int blo, int bhi)
    {
        var a = _a;
        B2JIndex.EnsureCapacity(ref _j2len, _lb + 1);
        var j2len = _j2len;
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
            var slot = a[i];
            if (slot < 0) continue;

            // Narrow b2j[a[i]] to [blo, bhi); popular elements have an empty range.
            int lo = slotStarts[slot], hi = slotStarts[slot + 1];
            if (lo == hi || positions[lo] >= bhi || positions[hi - 1] < blo) continue;
            if (positions[lo] < blo) lo = MatchRuns.LowerBound(positions, lo, hi, blo);
            if (positions[hi - 1] >= bhi) hi = MatchRuns.LowerBound(positions, lo, hi, bhi);

            // Descending j lets one array serve as both CPython's j2len (read at j) and newj2len (written at j+1):
            // entry j is overwritten only after it has been read. Ties go to the smallest j through >=.
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
        return new SequenceMatch(besti, bestj, bestsize);
    }

    // Python's get_matching_blocks loop: split around each longest match until no match is left.
    private void FindBlocks(List<SequenceMatch>? blocks, out int matches)
    {
        matches = 0;
        var queue = _queue;
        queue.Clear();
        queue.Push((0, _la, 0, _lb));
        while (queue.Count > 0)
        {
            var (alo, ahi, blo, bhi) = queue.Pop();
            var match = FindLongestMatchCore(alo, ahi, blo, bhi);
            var (i, j, k) = match;
            if (k == 0) continue;
            matches += k;
            blocks?.Add(match);
            if (alo < i && blo < j) queue.Push((alo, i, blo, j));
            if (i + k < ahi && j + k < bhi) queue.Push((i + k, ahi, j + k, bhi));
        }
    }

    // Merging adjacent blocks does not change their total size, so the ratio needs neither the sort nor the merge.
    private int CountMatches()
    {
        FindBlocks(null, out var matches);
        return matches;
    }

    private SequenceMatch[] ComputeMatchingBlocks()
    {
        var blocks = new List<SequenceMatch>();
        FindBlocks(blocks, out _);

        // Blocks are disjoint in a, so ordering by A equals Python's tuple sort.
        blocks.Sort(static (x, y) => x.A.CompareTo(y.A));

        var merged = new List<SequenceMatch>(blocks.Count + 1);
        int i1 = 0, j1 = 0, k1 = 0;
        foreach (var (i2, j2, k2) in blocks)
        {
            if (i1 + k1 == i2 && j1 + k1 == j2)
            {
                k1 += k2;
            }
            else
            {
                if (k1 != 0) merged.Add(new SequenceMatch(i1, j1, k1));
                (i1, j1, k1) = (i2, j2, k2);
            }
        }

        if (k1 != 0) merged.Add(new SequenceMatch(i1, j1, k1));
        merged.Add(new SequenceMatch(_la, _lb, 0));
        return [.. merged];
    }
}
