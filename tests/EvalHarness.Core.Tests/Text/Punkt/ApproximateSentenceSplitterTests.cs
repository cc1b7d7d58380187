using EvalHarness.Core.Text.Punkt;

namespace EvalHarness.Core.Tests.Text.Punkt;

// The built-in splitter imitates the Punkt behaviours of spec §8 without any model data.
public sealed class ApproximateSentenceSplitterTests
{
    private readonly ApproximateSentenceSplitter _splitter = new();

    [Theory]
    [InlineData("See the list, e.g. apples and pears. Then stop.", 3)]
    [InlineData("I met Mr. Smith today. He was kind.", 2)]
    [InlineData("She lives in the U.S. The weather is fine.", 2)]
    [InlineData("He joined the U.S. Army in 1990.", 1)]
    [InlineData("J. K. Rowling wrote it.", 1)]
    [InlineData("It was 2020. the year was long.", 1)]
    [InlineData("It was 2020. The year was long.", 2)]
    [InlineData("Wait... what happened?", 1)]
    [InlineData("Hi!How are you?", 1)]
    [InlineData("Stop!! Now.", 2)]
    [InlineData("A heading\nThe text follows here.", 1)]
    [InlineData("1. First\n2. Second", 3)]
    [InlineData("I. Introduction\nII. Background", 3)] // "I." alone, as Punkt does for outline numerals
    [InlineData("", 0)]
    public void CountsLikePunktOnTheSpecExamples(string text, int expected) => Assert.Equal(expected, _splitter.CountSentences(text));

    [Fact]
    public void ClosingQuoteStaysWithTheFirstSentence()
    {
        Assert.Equal("builtin", _splitter.Mode);
        Assert.Equal(["He said \"Stop.\"", "Then he left."], _splitter.Split("He said \"Stop.\" Then he left."));
    }

    [Fact]
    public void BreaksRightAfterAMarkGluedToPunctuation() =>
        // Spec §8: Punkt breaks inside JSON strings such as "...!", and dialogue.
        Assert.Equal(["{\"a\": \"Buy now!", "\", \"b\": \"Go.\"}"], _splitter.Split("{\"a\": \"Buy now!\", \"b\": \"Go.\"}"));

    [Fact]
    public void AClosingQuoteOnTheNextLineJoinsTheSentence() =>
        Assert.Equal(["\"The end.\n\""], _splitter.Split("\"The end.\n\""));
}
