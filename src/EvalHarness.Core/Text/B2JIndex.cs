namespace EvalHarness.Core.Text;

/// <summary>
/// Python's <c>SequenceMatcher.b2j</c> (element → ascending positions in b) without hashing in the hot loop.
/// Each distinct element of b gets a dense id, and sequences are stored as ids: a's elements absent from b become
/// -1, which equals no id of b, so element comparisons work on ids. The positions of id s are
/// <c>Positions[SlotStarts[s]..SlotStarts[s+1])</c>; popular elements (autojunk) get an empty range.
/// Buffers are reused across <see cref="IndexB(string, bool, ref int[])"/> calls so a cached matcher allocates nothing.
/// </summary>
internal sealed class B2JIndex
{
    // Ids of code points below this come from an array, the rest from a dictionary: MRCR text is mostly ASCII.
    private const int DirectLimit = 256;

    // id + 1 per code point, so the default 0 means "not in b".
    private readonly int[] _directIds = new int[DirectLimit];
    private readonly Dictionary<int, int> _otherIds = [];
    private int[] _counts = new int[64];
    private bool[] _popular = new bool[64];
    private int[] _fill = new int[64];
    private int _distinct;

    public int[] SlotStarts { get; private set; } = new int[65];

    public int[] Positions { get; private set; } = [];

    /// <summary>Occurrences of each id in b, popular ones included (Python's <c>fullbcount</c>).</summary>
    public ReadOnlySpan<int> Counts => _counts.AsSpan(0, _distinct);

    public bool IsPopular(int element) => IdOf(element) is var id and >= 0 && _popular[id];

    /// <summary>Indexes the code points of <paramref name="b"/>, writing them as ids into <paramref name="ids"/>.</summary>
    /// <returns>The number of code points.</returns>
    public int IndexB(string b, bool autojunk, ref int[] ids)
    {
        Reset();
        EnsureCapacity(ref ids, b.Length);
        // ASCII and Latin-1 inline; everything else (astral code points included) through AddOccurrence.
        var direct = _directIds;
        var counts = _counts;
        var n = 0;
        for (var j = 0; j < b.Length; j++)
        {
            int c = b[j];
            int id;
            if (c < DirectLimit && (id = direct[c] - 1) >= 0)
            {
                counts[id]++;
            }
            else
            {
                if (char.IsHighSurrogate((char)c) && j + 1 < b.Length && char.IsLowSurrogate(b[j + 1])) c = char.ConvertToUtf32((char)c, b[++j]);
                id = AddOccurrence(c);
                counts = _counts; // may have grown
            }

            ids[n++] = id;
        }

        Finish(ids, n, autojunk);
        return n;
    }

    /// <summary>Indexes <paramref name="b"/>, writing its ids into <paramref name="ids"/>.</summary>
    public void IndexB(ReadOnlySpan<int> b, bool autojunk, ref int[] ids)
    {
        Reset();
        EnsureCapacity(ref ids, b.Length);
        for (var j = 0; j < b.Length; j++) ids[j] = AddOccurrence(b[j]);
        Finish(ids, b.Length, autojunk);
    }

    /// <summary>Writes the code points of <paramref name="a"/> as ids (-1 when absent from b).</summary>
    /// <returns>The number of code points.</returns>
    public int ToIds(string a, ref int[] ids)
    {
        EnsureCapacity(ref ids, a.Length);
        var direct = _directIds;
        var n = 0;
        for (var i = 0; i < a.Length; i++)
        {
            int c = a[i];
            if (c < DirectLimit)
            {
                ids[n++] = direct[c] - 1;
                continue;
            }

            if (char.IsHighSurrogate((char)c) && i + 1 < a.Length && char.IsLowSurrogate(a[i + 1])) c = char.ConvertToUtf32((char)c, a[++i]);
            ids[n++] = IdOf(c);
        }

        return n;
    }

    /// <summary>Writes <paramref name="a"/> as ids (-1 when absent from b).</summary>
    public void ToIds(ReadOnlySpan<int> a, ref int[] ids)
    {
        EnsureCapacity(ref ids, a.Length);
        for (var i = 0; i < a.Length; i++) ids[i] = IdOf(a[i]);
    }

    /// <summary>Grows <paramref name="buffer"/> to at least <paramref name="length"/> elements, contents not kept.</summary>
    public static void EnsureCapacity<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new T[Math.Max(length, Math.Min(buffer.Length * 2, Array.MaxLength))];
    }

    private void Reset()
    {
        Array.Clear(_directIds);
        _otherIds.Clear();
        _counts.AsSpan(0, _distinct).Clear();
        _distinct = 0;
    }

    private int IdOf(int element)
    {
        if ((uint)element < DirectLimit) return _directIds[element] - 1;
        return _otherIds.TryGetValue(element, out var id) ? id : -1;
    }

    private int AddOccurrence(int element)
    {
        int id;
        if ((uint)element < DirectLimit)
        {
            id = _directIds[element] - 1;
            if (id < 0)
            {
                id = NewId();
                _directIds[element] = id + 1;
            }
        }
        else if (!_otherIds.TryGetValue(element, out id))
        {
            id = NewId();
            _otherIds.Add(element, id);
        }

        _counts[id]++;
        return id;
    }

    private int NewId()
    {
        if (_distinct == _counts.Length) Array.Resize(ref _counts, _counts.Length * 2);
        return _distinct++;
    }

    private void Finish(int[] bIds, int n, bool autojunk)
    {
        var distinct = _distinct;
        EnsureCapacity(ref _popular, distinct);
        EnsureCapacity(ref _fill, distinct);
        var starts = SlotStarts;
        EnsureCapacity(ref starts, distinct + 1);
        var positions = Positions;
        EnsureCapacity(ref positions, n);

        // CPython: with autojunk and n >= 200, an element occurring more than n // 100 + 1 times is dropped.
        var ntest = autojunk && n >= 200 ? n / 100 + 1 : int.MaxValue;
        var total = 0;
        for (var id = 0; id < distinct; id++)
        {
            var popular = _counts[id] > ntest;
            _popular[id] = popular;
            starts[id] = total;
            _fill[id] = total;
            if (!popular) total += _counts[id];
        }

        starts[distinct] = total;
        var isPopular = _popular;
        var fill = _fill;
        for (var j = 0; j < n; j++)
        {
            var id = bIds[j];
            if (!isPopular[id]) positions[fill[id]++] = j;
        }

        SlotStarts = starts;
        Positions = positions;
    }
}
