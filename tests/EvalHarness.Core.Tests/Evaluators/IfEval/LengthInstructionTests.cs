using static EvalHarness.Core.Tests.Evaluators.IfEval.CheckerTestKit;

namespace EvalHarness.Core.Tests.Evaluators.IfEval;

/// <summary>Examples from specs/ifeval.md §4.6–§4.9 and §5.1.</summary>
public sealed class LengthInstructionTests
{
    [Theory]
    [InlineData("a\n***\nb\n***\nc", 3, true)]
    [InlineData("***\na\n***\nb\n***", 2, true)] // blank first and last pieces are not counted
    [InlineData("a\n******\nb", 2, false)] // an empty middle piece fails
    [InlineData("a\n* * *\nb", 1, true)] // spaced stars are not a divider
    [InlineData("a ***bold italic*** b", 3, true)] // acts as two dividers
    [InlineData("a\n***\nb", 3, false)] // exact count required
    public void ParagraphsAreSeparatedByThreeStars(string text, int count, bool expected) =>
        Assert.Equal(expected, Build("length_constraints:number_paragraphs", $$"""{"num_paragraphs": {{count}}}""").Check(text));

    [Theory]
    [InlineData("don't e-mail 3.5 foo_bar", 7)] // don/t, e/mail, 3/5, foo_bar
    [InlineData("½ ² **bold** 🙂", 3)] // numerics are words, markdown and emoji are not
    [InlineData("हिन्दी भाषा", 5)] // Indic scripts fragment at vowel signs
    [InlineData("𝐀𝐁 c", 2)] // non-BMP letters are word characters
    public void WordsAreRunsOfPythonWordCharacters(string text, int words)
    {
        Assert.True(Build("length_constraints:number_words", $$"""{"num_words": {{words}}, "relation": "at least"}""").Check(text));
        Assert.False(Build("length_constraints:number_words", $$"""{"num_words": {{words + 1}}, "relation": "at least"}""").Check(text));
        Assert.True(Build("length_constraints:number_words", $$"""{"num_words": {{words + 1}}, "relation": "less than"}""").Check(text));
    }

    [Theory]
    [InlineData("x\n\ny\n\nz", 3, 2, "y", true)]
    [InlineData("x\n\n\n\ny\n\nz", 3, 2, "y", false)] // paragraph 2 is the blank piece (index quirk)
    [InlineData("x\n\n\"Weekend,\" he said\n\nz", 3, 2, "weekend", true)]
    [InlineData("x\n\nWeekend's plan\n\nz", 3, 2, "weekend", true)]
    [InlineData("x\n\nWeekend: plan\n\nz", 3, 2, "weekend", false)]
    [InlineData("x\n\n**Weekend** plan\n\nz", 3, 2, "weekend", false)]
    [InlineData("x\n\ny\n\nz", 2, 2, "y", false)] // paragraph total must equal num_paragraphs
    public void NthParagraphFirstWord(string text, int paragraphs, int nth, string word, bool expected) =>
        Assert.Equal(expected, Build("length_constraints:nth_paragraph_first_word",
            $$"""{"num_paragraphs": {{paragraphs}}, "nth_paragraph": {{nth}}, "first_word": "{{word}}"}""").Check(text));

    [Fact]
    public void SentencesUseTheInjectedSplitter()
    {
        var check = Build("length_constraints:number_sentences", """{"num_sentences": 3, "relation": "less than"}""");
        Assert.True(check.Check("One. Two."));
        Assert.False(check.Check("One. Two. Three."));
    }
}
