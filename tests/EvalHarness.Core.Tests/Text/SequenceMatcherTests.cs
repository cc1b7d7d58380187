using EvalHarness.Core.Text;

namespace EvalHarness.Core.Tests.Text;

/// <summary>Targeted behaviour; every expected value was produced by CPython 3.11's difflib.</summary>
public sealed class SequenceMatcherTests
{
    private static void AssertBits(double expected, double actual) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));

    [Theory]
    [InlineData("", "", 1.0)]
    [InlineData("", "abc", 0.0)]
    [InlineData("abc", "", 0.0)]
    [InlineData("abc", "abc", 1.0)]
    [InlineData(" abcd", "abcd abcd", 0.7142857142857143)]
    [InlineData("abab", "baba", 0.75)]
    [InlineData("x\U0001F600y", "x\U0001F600z", 0.6666666666666666)]
    public void RatioMatchesCPython(string a, string b, double expected) => AssertBits(expected, SequenceMatcher.Ratio(a, b));

    [Theory]
    [InlineData(" abcd", "abcd abcd", 0, 5, 0, 9, 0, 4, 5)] // earliest i wins over earliest j
    [InlineData("ab", "abab", 0, 2, 0, 4, 0, 0, 2)] // earliest j among equal sizes
    [InlineData("abxab", "ab", 0, 5, 0, 2, 0, 0, 2)] // earliest i among equal sizes
    [InlineData("abab", "baba", 0, 4, 0, 4, 0, 1, 3)]
    [InlineData("abcd", "xxabcdab", 0, 4, 3, 8, 1, 3, 3)] // the b range clips the match
    public void FindLongestMatchBreaksTiesLikeCPython(string a, string b, int alo, int ahi, int blo, int bhi, int i, int j, int size) =>
        Assert.Equal(new SequenceMatch(i, j, size), new SequenceMatcher(a, b).FindLongestMatch(alo, ahi, blo, bhi));

    [Fact]
    public void EarlierSearchesDoNotLeakIntoLaterOnes()
    {
        // Searches share one scratch array (and the fallback search shares it with the run-length table).
        var matcher = new SequenceMatcher("bbab", "bbbb");
        Assert.Equal(new SequenceMatch(0, 1, 1), matcher.FindLongestMatch(0, 1, 1, 4));
        Assert.Equal([new SequenceMatch(0, 0, 2), new SequenceMatch(3, 2, 1), new SequenceMatch(4, 4, 0)], matcher.GetMatchingBlocks());
        Assert.Equal(new SequenceMatch(0, 0, 2), matcher.FindLongestMatch(0, 4, 0, 4));
        Assert.Equal(new SequenceMatch(0, 1, 1), matcher.FindLongestMatch(0, 1, 1, 4));

        var rowByRow = new SequenceMatcher("bbab", "bbbb") { MaxMatchRunPairs = 0 };
        Assert.Equal(new SequenceMatch(0, 1, 1), rowByRow.FindLongestMatch(0, 1, 1, 4));
        Assert.Equal([new SequenceMatch(0, 0, 2), new SequenceMatch(3, 2, 1), new SequenceMatch(4, 4, 0)], rowByRow.GetMatchingBlocks());
    }

    [Fact]
    public void MatchingBlocksEndWithSentinel()
    {
        Assert.Equal([new SequenceMatch(0, 0, 0)], new SequenceMatcher("", "").GetMatchingBlocks());
        Assert.Equal([new SequenceMatch(0, 1, 3), new SequenceMatch(4, 4, 0)], new SequenceMatcher("abab", "baba").GetMatchingBlocks());
    }

    [Fact]
    public void PopularElementsOnlyJoinMatchesByExtension()
    {
        // ' ' occurs 200 times in b (n // 100 + 1 = 3), so it is popular and has no index entries.
        var a = "x" + new string(' ', 10);
        var b = new string(' ', 200);
        var junked = new SequenceMatcher(a, b);
        Assert.True(junked.IsPopular(' '));
        Assert.Equal(new SequenceMatch(0, 0, 0), junked.FindLongestMatch(0, a.Length, 0, b.Length));
        AssertBits(0.0, junked.Ratio());

        var full = new SequenceMatcher(a, b, autojunk: false);
        Assert.False(full.IsPopular(' '));
        Assert.Equal([new SequenceMatch(1, 0, 10), new SequenceMatch(11, 200, 0)], full.GetMatchingBlocks());
        AssertBits(0.0947867298578199, full.Ratio());

        // With no index hit, the empty best match at (alo, blo) still extends forward over popular elements.
        Assert.Equal(new SequenceMatch(0, 0, 10), new SequenceMatcher(new string(' ', 10), b).FindLongestMatch(0, 10, 0, 200));
    }

    [Fact]
    public void MatchesExtendOverPopularElementsBeyondIndexedOnes()
    {
        var a = "ab  \u4e00\u4e01";
        var b = "ab" + new string(' ', 150) + string.Concat(Enumerable.Range(0x4e00, 60).Select(c => (char)c));
        var matcher = new SequenceMatcher(a, b);
        Assert.Equal(new SequenceMatch(0, 0, 4), matcher.FindLongestMatch(0, a.Length, 0, b.Length));
        Assert.Equal([new SequenceMatch(0, 0, 4), new SequenceMatch(4, 152, 2), new SequenceMatch(6, 212, 0)], matcher.GetMatchingBlocks());
        AssertBits(0.05504587155963303, matcher.Ratio());
    }

    [Theory]
    [InlineData(199, 4, false)] // below 200 elements autojunk never applies
    [InlineData(200, 3, false)] // exactly n // 100 + 1 is not popular
    [InlineData(200, 4, true)]
    public void AutojunkThreshold(int n, int count, bool popular)
    {
        var b = new string('a', count) + string.Concat(Enumerable.Range(0, n - count).Select(i => (char)('b' + i % 24)));
        Assert.Equal(popular, new SequenceMatcher("", b).IsPopular('a'));
    }

    [Fact]
    public void CodePointSequencesKeepLoneSurrogatesAndAstralCharactersApart()
    {
        // Python: two lone surrogates '\ud83d\ude00' share nothing with the single code point U+1F600.
        AssertBits(0.0, new SequenceMatcher([0xD83D, 0xDE00], [0x1F600]).Ratio());
        AssertBits(0.6666666666666666, new SequenceMatcher("a\ud800b", "a\ud800c").Ratio());
        Assert.Equal(new SequenceMatch(3, 3, 0), new SequenceMatcher("a\ud800b", "a\ud800c").GetMatchingBlocks()[^1]);

        // Strings: a valid pair is one element, a lone or reversed surrogate is its own element.
        var astral = new SequenceMatcher("\U0001F600", new string(['\ude00']));
        Assert.Equal((1, 1), (astral.LengthA, astral.LengthB));
        AssertBits(0.0, astral.Ratio());
        var reversed = new SequenceMatcher(new string(['\ude00', '\ud83d']), new string(['\ud83d']));
        Assert.Equal([new SequenceMatch(1, 0, 1), new SequenceMatch(2, 1, 0)], reversed.GetMatchingBlocks());
        AssertBits(0.6666666666666666, reversed.Ratio());
        Assert.Equal([new SequenceMatch(1, 0, 1), new SequenceMatch(2, 1, 0)], new SequenceMatcher(new string(['\ud800', 'a']), "a").GetMatchingBlocks());
    }

    [Fact]
    public void QuickRatiosBoundRatioLikeCPython()
    {
        var matcher = new SequenceMatcher("x" + new string(' ', 10), new string(' ', 200));
        AssertBits(0.0947867298578199, matcher.QuickRatio());
        AssertBits(0.10426540284360189, matcher.RealQuickRatio());
        AssertBits(1.0, new SequenceMatcher("abab", "baba").QuickRatio());
    }

    [Fact]
    public void RejectsRangesOutsideTheSequences()
    {
        var matcher = new SequenceMatcher("abc", "ab");
        Assert.Throws<ArgumentOutOfRangeException>(() => matcher.FindLongestMatch(0, 4, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => matcher.FindLongestMatch(0, 3, 1, 0));
    }
}
