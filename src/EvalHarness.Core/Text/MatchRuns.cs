using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EvalHarness.Core.Text;

/// <summary>
/// Speeds up the repeated <c>find_longest_match</c> calls of <c>get_matching_blocks</c> without changing a result.
/// For every pair (i, j) that CPython's loop visits (a[i] == b[j], b[j] not popular) it stores L, the length of the
/// run of such pairs ending there on the diagonal, computed once over the whole sequences. CPython's j2len value for
/// that pair inside a call on [alo, ahi) x [blo, bhi) is exactly <c>min(L, i - alo + 1, j - blo + 1)</c>: the same
/// run cut at the range's lower bounds. A call then reads two arrays sequentially and skips rows with no pairs,
/// instead of rebuilding j2len from scratch for every row as CPython does.
/// </summary>
internal sealed class MatchRuns
{
    // Pairs beyond this would cost too much memory (8 bytes each); the caller then uses the row-by-row search.
    internal const int MaxPairs = 1 << 22;

    private int[] _rows = [];
    private int[] _rowStarts = [];
    private int[] _pairJ = [];
    private int[] _pairLength = [];

    // Largest L in each row, and in each row and all rows after it: a row (or the rest of the rows) whose L cannot
    // beat the best size found so far is skipped, as clipping only lowers L.
    private int[] _rowMax = [];
    private int[] _suffixMax = [];
    private int _rowCount;

    /// <summary>How many pairs the buffers hold; the per-thread matcher cache uses it to bound retained memory.</summary>
    public int PairCapacity => _pairJ.Length;

    /// <summary>
    /// Builds the table for a (as ids) against the index of b. Returns false, building nothing, when there are more
    /// than <paramref name="maxPairs"/> pairs. <paramref name="longest"/> is the unextended longest match over the whole
    /// sequences, with CPython's tie-breaking.
    /// </summary>
    public bool TryBuild(ReadOnlySpan<int> a, B2JIndex b2j, int lb, int maxPairs, ref long[] j2len, ref int stamp, out SequenceMatch longest)
    {
        longest = default;
        var slotStarts = b2j.SlotStarts;

        // Only rows with pairs are visited from here on; typically a small fraction, as autojunk drops the
        // frequent characters.
        B2JIndex.EnsureCapacity(ref _rows, a.Length);
        var rows = _rows;
        long pairs = 0;
        var rowCount = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var slot = a[i];
            if (slot < 0) continue;
            var count = slotStarts[slot + 1] - slotStarts[slot];
            if (count == 0) continue;
            pairs += count;
            rows[rowCount++] = i;
        }

        if (pairs > maxPairs) return false;

        B2JIndex.EnsureCapacity(ref _rowStarts, rowCount + 1);
        B2JIndex.EnsureCapacity(ref _pairJ, (int)pairs);
        B2JIndex.EnsureCapacity(ref _pairLength, (int)pairs);
        B2JIndex.EnsureCapacity(ref _rowMax, rowCount);
        B2JIndex.EnsureCapacity(ref _suffixMax, rowCount + 1);
        B2JIndex.EnsureCapacity(ref j2len, lb + 1);
        _rowCount = rowCount;

        // Row i is stamped base + i, so a row without pairs leaves the next row reading stale (length 0) entries.
        // Row 0 must not see the last stamp of an earlier search as its previous row, hence + 2.
        if (stamp > int.MaxValue - a.Length - 3)
        {
            Array.Clear(j2len);
            stamp = 0;
        }

        var stampBase = stamp + 2;
        var positions = b2j.Positions;
        var rowStarts = _rowStarts;
        var rowMax = _rowMax;
        var pairJ = _pairJ;
        var pairLength = _pairLength;
        ref var j2len0 = ref MemoryMarshal.GetArrayDataReference(j2len);
        int besti = 0, bestj = 0, bestsize = 0;
        var pair = 0;
        for (var row = 0; row < rowCount; row++)
        {
            var i = rows[row];
            var slot = a[i];
            int lo = slotStarts[slot], hi = slotStarts[slot + 1];
            rowStarts[row] = pair;
            var rowStamp = stampBase + i;
            var previous = rowStamp - 1;

            // Descending j lets one array serve as both CPython's j2len (read at j) and newj2len (written at j+1):
            // entry j is overwritten only after it has been read. Ties go to the smallest j through >=.
            int rowBest = 0, rowBestJ = 0;
            var end = pair + (hi - lo);
            for (int p = hi - 1, q = end - 1; p >= lo; p--, q--)
            {
                var j = positions[p];
                ref var cell = ref Unsafe.Add(ref j2len0, j);
                var k = (int)(cell >> 32) == previous ? (int)cell + 1 : 1;
                Unsafe.Add(ref cell, 1) = ((long)rowStamp << 32) | (uint)k;
                pairJ[q] = j;
                pairLength[q] = k;
                if (k >= rowBest)
                {
                    rowBest = k;
                    rowBestJ = j;
                }
            }

            pair = end;
            rowMax[row] = rowBest;
            if (rowBest > bestsize)
            {
                besti = i - rowBest + 1;
                bestj = rowBestJ - rowBest + 1;
                bestsize = rowBest;
            }
        }

        rowStarts[rowCount] = pair;
        var suffixMax = _suffixMax;
        suffixMax[rowCount] = 0;
        for (var r = rowCount - 1; r >= 0; r--) suffixMax[r] = Math.Max(rowMax[r], suffixMax[r + 1]);

        stamp = stampBase + a.Length;
        longest = new SequenceMatch(besti, bestj, bestsize);
        return true;
    }

    /// <summary>CPython's find_longest_match loop (before its extension step) on [alo, ahi) x [blo, bhi).</summary>
    public SequenceMatch Longest(int alo, int ahi, int blo, int bhi)
    {
        var rows = _rows;
        var rowStarts = _rowStarts;
        var pairJ = _pairJ;
        var pairLength = _pairLength;
        var rowMax = _rowMax;
        var suffixMax = _suffixMax;
        var rowCount = _rowCount;
        int besti = alo, bestj = blo, bestsize = 0;
        for (var r = LowerBound(rows, 0, rowCount, alo); r < rowCount; r++)
        {
            var i = rows[r];
            if (i >= ahi || suffixMax[r] <= bestsize) break;

            // k <= L and k <= i - alo + 1: skip rows where either bound already rules out beating bestsize.
            var aCap = i - alo + 1;
            if (aCap <= bestsize || rowMax[r] <= bestsize) continue;

            int lo = rowStarts[r], hi = rowStarts[r + 1];
            if (pairJ[lo] >= bhi || pairJ[hi - 1] < blo) continue;
            if (pairJ[lo] < blo) lo = LowerBound(pairJ, lo, hi, blo);
            if (pairJ[hi - 1] >= bhi) hi = LowerBound(pairJ, lo, hi, bhi);

            // Ascending j with a strict > is CPython's visiting order, hence its tie-breaking.
            var bOffset = 1 - blo;
            for (var p = lo; p < hi; p++)
            {
                var j = pairJ[p];
                var k = Math.Min(Math.Min(pairLength[p], aCap), j + bOffset);
                if (k > bestsize)
                {
                    besti = i - k + 1;
                    bestj = j - k + 1;
                    bestsize = k;
                }
            }
        }

        return new SequenceMatch(besti, bestj, bestsize);
    }

    /// <summary>First index in sorted[lo..hi) holding a value >= value; hi when none.</summary>
    internal static int LowerBound(int[] sorted, int lo, int hi, int value)
    {
        // Branch-free halving: the probes are unpredictable, so conditional moves beat branches here.
        var length = hi - lo;
        while (length > 1)
        {
            var half = length >> 1;
            lo = sorted[lo + half - 1] < value ? lo + half : lo;
            length -= half;
        }

        return length == 1 && sorted[lo] < value ? lo + 1 : lo;
    }
}
