namespace EvalHarness.Core.Text.Haystack;

/// <summary>
/// A text cut into sentences, with the o200k token count of every sentence prefix, so the longest prefix under a token
/// budget is a binary search. Sentence i spans [<see cref="Starts"/>[i], <see cref="Ends"/>[i]); whatever lies between
/// sentences is separator (one space, or a blank line between paragraphs).
/// </summary>
internal sealed class SentenceText
{
    private readonly int[] _starts;
    private readonly int[] _ends;
    private readonly int[] _tokensThrough;

    internal SentenceText(string text, int[] starts, int[] ends, int[] tokensThrough)
    {
        if (starts.Length != ends.Length || ends.Length != tokensThrough.Length) throw new ArgumentException("length mismatch");
        Text = text;
        _starts = starts;
        _ends = ends;
        _tokensThrough = tokensThrough;
    }

    public string Text { get; }

    public int SentenceCount => _ends.Length;

    public IReadOnlyList<int> Starts => _starts;

    public IReadOnlyList<int> Ends => _ends;

    /// <summary>Tokens of <c>Text[..Ends[i]]</c>: the first i + 1 sentences without the separator after them.</summary>
    public IReadOnlyList<int> TokensThrough => _tokensThrough;

    public int TotalTokens => _tokensThrough.Length == 0 ? 0 : _tokensThrough[^1];

    /// <summary>The first <paramref name="sentences"/> sentences, without a trailing separator.</summary>
    public string Prefix(int sentences) => sentences == 0 ? "" : Text[.._ends[sentences - 1]];

    /// <summary>The largest k such that the first k sentences have at most <paramref name="maxTokens"/> tokens.</summary>
    public int MaxSentencesWithin(int maxTokens)
    {
        // upper bound: first index whose prefix exceeds maxTokens
        int lo = 0, hi = _tokensThrough.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_tokensThrough[mid] <= maxTokens) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
