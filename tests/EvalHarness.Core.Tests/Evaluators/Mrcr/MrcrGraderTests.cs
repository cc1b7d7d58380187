using EvalHarness.Core.Evaluators.Mrcr;

namespace EvalHarness.Core.Tests.Evaluators.Mrcr;

public sealed class MrcrGraderTests
{
    private const string Hash = "aYooSG8CQg";

    [Fact]
    public void ExactResponseScoresOne()
    {
        Assert.Equal(1.0, MrcrGrader.Grade(Hash + "A poem\nabout owls.", Hash + "A poem\nabout owls.", Hash));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\n")]
    [InlineData("Sure! ")]
    public void NoTrimmingBeforeThePrefixCheck(string lead)
    {
        Assert.Equal(0.0, MrcrGrader.Grade(lead + Hash + "text", Hash + "text", Hash));
    }

    [Fact]
    public void PrefixCheckIsOrdinalAndCaseSensitive()
    {
        Assert.Equal(0.0, MrcrGrader.Grade(Hash.ToLowerInvariant() + "text", Hash + "text", Hash));
        Assert.Equal(0.0, MrcrGrader.Grade("text", Hash + "text", Hash));
    }

    [Fact]
    public void HashIsRemovedFromBothSidesBeforeTheRatio()
    {
        // CPython: SequenceMatcher(None, "", "abcd").ratio() == 0.0 -> a bare hash is not credited for the hash.
        Assert.Equal(0.0, MrcrGrader.Grade(Hash, Hash + "abcd", Hash));
        // CPython: SequenceMatcher(None, "abcd", "abcx").ratio() == 0.75
        Assert.Equal(0.75, MrcrGrader.Grade(Hash + "abcd", Hash + "abcx", Hash));
    }

    [Fact]
    public void RatioArgumentOrderIsResponseThenAnswer()
    {
        // CPython 3: SequenceMatcher(None, "aac", "abcabca").ratio() == 0.6, reversed == 0.4.
        Assert.Equal(0.6, MrcrGrader.Grade(Hash + "aac", Hash + "abcabca", Hash), 12);

        // Autojunk applies to the second sequence (the answer, 207 chars >= 200, so ' ' and 'e' are junk).
        // CPython: ratio(resp, ans) == 0.3893129770992366, ratio(ans, resp) == 0.40458015267175573.
        const string answer = "The quiet lantern waits by the shore, and owls seem closer than ever. Whenever I think of owls, "
            + "a golden bridge hums at dawn. Some say owls began beside a misty meadow, though no one can prove it. Thank you.";
        const string response = "The quiet lantern waits by the shore. Owls seem closer.";
        Assert.Equal(0.3893129770992366, MrcrGrader.Grade(Hash + response, Hash + answer, Hash), 15);
    }

    [Fact]
    public void LenientStripsWhitespaceAndALeadingThinkBlock()
    {
        var answer = Hash + "text";
        Assert.Equal(1.0, MrcrGrader.GradeLenient("\n  " + Hash + "text", answer, Hash));
        Assert.Equal(1.0, MrcrGrader.GradeLenient("<think>which poem?\nthe 2nd</think>\n\n" + Hash + "text", answer, Hash));
        Assert.Equal(0.0, MrcrGrader.Grade("<think>x</think>" + Hash + "text", answer, Hash));
        // An unclosed think block is left alone, so the prefix check fails.
        Assert.Equal(0.0, MrcrGrader.GradeLenient("<think>still thinking " + Hash + "text", answer, Hash));
    }
}
