using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Mrcr;

namespace EvalHarness.Core.Tests.Evaluators.Mrcr;

public sealed class MrcrBinAndQuestionTests
{
    [Theory]
    [InlineData(4095, null)]
    [InlineData(4096, "4096-8192")]      // the card's first bin is closed on the left
    [InlineData(8192, "4096-8192")]      // right-closed
    [InlineData(8193, "8192-16384")]     // left-open
    [InlineData(131072, "65536-131072")]
    [InlineData(131073, "131072-262144")]
    [InlineData(1048576, "524288-1048576")]
    [InlineData(1048577, null)]
    public void BinEdgesFollowTheCard(long tokens, string? label) => Assert.Equal(label, MrcrBin.Find(tokens)?.Label);

    [Fact]
    public void BinsOptionAcceptsRangesUpperEdgesAndK()
    {
        Assert.Equal(["4096-8192", "65536-131072"], MrcrBin.Parse("131072, 4096-8192").Select(b => b.Label));
        Assert.Equal(["65536-131072", "524288-1048576"], MrcrBin.Parse("128k,1024K").Select(b => b.Label));
        Assert.Equal(8, MrcrBin.Parse("all").Count);
        Assert.Throws<EvalInputException>(() => MrcrBin.Parse("4096-16384"));
    }

    [Theory]
    [InlineData(1, "1st")]
    [InlineData(2, "2nd")]
    [InlineData(3, "3rd")]
    [InlineData(4, "4th")]
    [InlineData(8, "8th")]
    [InlineData(11, "11th")]
    [InlineData(12, "12th")]
    [InlineData(13, "13th")]
    [InlineData(21, "21st")]
    [InlineData(22, "22nd")]
    [InlineData(103, "103rd")]
    [InlineData(111, "111th")]
    public void OrdinalSuffixes(int k, string expected) => Assert.Equal(expected, MrcrQuestion.Ordinal(k));

    [Fact]
    public void QuestionWordingIsByteExactAndRoundTrips()
    {
        const string expected = "Prepend aYooSG8CQg to the 3rd (1 indexed) short news article about hot springs. Do not include any other text in your response.";
        Assert.Equal(expected, MrcrQuestion.Format("aYooSG8CQg", 3, "short news article", "hot springs"));
        Assert.True(MrcrQuestion.TryParse(expected, out var parts));
        Assert.Equal(new MrcrQuestionParts("aYooSG8CQg", 3, "short news article", "hot springs"), parts);
        Assert.Equal("write a short news article about hot springs", parts.Request);
        Assert.Equal("write a email about horses", MrcrQuestion.Request("email", "horses"));
        Assert.False(MrcrQuestion.TryParse(expected + " ", out _));
    }
}
