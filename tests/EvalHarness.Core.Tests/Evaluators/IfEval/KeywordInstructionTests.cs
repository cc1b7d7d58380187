using static EvalHarness.Core.Tests.Evaluators.IfEval.CheckerTestKit;

namespace EvalHarness.Core.Tests.Evaluators.IfEval;

/// <summary>Examples from specs/ifeval.md §4.1–§4.4.</summary>
public sealed class KeywordInstructionTests
{
    [Theory]
    [InlineData("""{"keywords": ["cat"]}""", "a category", true)] // substring, no boundaries
    [InlineData("""{"keywords": ["cat", "dog"]}""", "CAT only", false)] // every keyword is needed
    [InlineData("""{"keywords": ["Argentinian"]}""", "argentinian food", true)] // IGNORECASE
    public void ExistenceIsACaseInsensitiveSubstringTest(string kwargs, string text, bool expected) =>
        Assert.Equal(expected, Build("keywords:existence", kwargs).Check(text));

    [Theory]
    [InlineData("the", 4, "The other theory is there.", true)] // the, other, theory, there
    [InlineData("the", 5, "The other theory is there.", false)]
    [InlineData("war", 2, "toward software", true)]
    [InlineData("para", 1, "one paragraph", true)]
    public void FrequencyCountsSubstrings(string keyword, int atLeast, string text, bool expected) =>
        Assert.Equal(expected, Build("keywords:frequency", $$"""{"keyword": " {{keyword}} ", "frequency": {{atLeast}}, "relation": "at least"}""").Check(text));

    [Fact]
    public void FrequencyLessThanIsStrict()
    {
        var check = Build("keywords:frequency", """{"keyword": "fake", "frequency": 2, "relation": "less than"}""");
        Assert.True(check.Check("one fake"));
        Assert.False(check.Check("fake and FAKE"));
    }

    [Theory]
    [InlineData("cat", "a cat-x", false)]
    [InlineData("cat", "cat\u0301", false)] // a combining mark is not Python \w, so the boundary holds
    [InlineData("cat", "cat_x", true)]
    [InlineData("cat", "caté", true)]
    [InlineData("BC", "in 300 bc.", false)]
    [InlineData("cat", "concatenate", true)]
    public void ForbiddenWordsUsePythonWordBoundaries(string word, string text, bool passes) =>
        Assert.Equal(passes, Build("keywords:forbidden_words", $$"""{"forbidden_words": ["{{word}}"]}""").Check(text));

    [Fact]
    public void LetterFrequencyCountsLettersEverywhereCaseInsensitively()
    {
        var check = Build("keywords:letter_frequency", """{"letter": "Q", "let_frequency": 3, "let_relation": "at least"}""");
        Assert.True(check.Check("Quick quiz: http://q.example"));
        Assert.False(check.Check("Quick quiz"));
    }

    [Fact]
    public void LetterFrequencyCountsANonLetterSymbolLiterally()
    {
        // Deliberate deviation (spec §6.1): the reference would score a random letter instead of '#'.
        var check = Build("keywords:letter_frequency", """{"letter": "#", "let_frequency": 4, "let_relation": "at least"}""");
        Assert.True(check.Check("#a #b #c #d"));
        Assert.False(check.Check("#a #b #c yyyyyyyy"));
    }
}
