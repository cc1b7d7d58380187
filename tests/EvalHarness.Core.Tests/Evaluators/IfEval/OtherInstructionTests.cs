using static EvalHarness.Core.Tests.Evaluators.IfEval.CheckerTestKit;

namespace EvalHarness.Core.Tests.Evaluators.IfEval;

/// <summary>Examples from specs/ifeval.md §4.5 and §4.18–§4.25.</summary>
public sealed class OtherInstructionTests
{
    [Theory]
    [InlineData("first\n******\nsecond", true)]
    [InlineData("same\n******\nsame ", false)]
    [InlineData("a\n*******\nb", true)] // the leftover star joins the second piece
    [InlineData("a\n************\nb", false)] // empty middle piece
    [InlineData("******\na\n******\nb\n******", true)]
    [InlineData("a\n******\nb\n******\nc", false)]
    public void TwoResponses(string text, bool expected) =>
        Assert.Equal(expected, Build("combination:two_responses").Check(text));

    [Fact]
    public void RepeatPromptComparesLoweredStrippedPrefix()
    {
        var check = Build("combination:repeat_prompt", """{"prompt_to_repeat": "Write a poem. "}""");
        Assert.True(check.Check("  WRITE A POEM. Here it is."));
        Assert.False(check.Check("Sure! Write a poem."));
    }

    [Theory]
    [InlineData("Body. Is there anything else I can help with?", true)]
    [InlineData("\"Body. Is there anything else I can help with?\"", true)]
    [InlineData("\"Body. Is there anything else I can help with? \"", false)] // no second whitespace strip
    [InlineData("Body. **Is there anything else I can help with?**", false)]
    public void EndChecker(string text, bool expected) =>
        Assert.Equal(expected, Build("startend:end_checker", """{"end_phrase": "Is there anything else I can help with?"}""").Check(text));

    [Theory]
    [InlineData(" \"quoted\" ", true)]
    [InlineData("\"", false)]
    [InlineData("“curly”", false)]
    public void Quotation(string text, bool expected) => Assert.Equal(expected, Build("startend:quotation").Check(text));

    [Theory]
    [InlineData("no commas here，、،", true)]
    [InlineData("one, two", false)]
    public void NoComma(string text, bool expected) => Assert.Equal(expected, Build("punctuation:no_comma").Check(text));

    [Theory]
    [InlineData("HELLO WORLD 123", "en", true)]
    [InlineData("HELLO e.g. WORLD", "en", false)] // one lowercase letter fails
    [InlineData("HELLO WORLD", "de", false)]
    [InlineData("Ⅻ 𝐀𝐁", "en", true)] // Other_Uppercase and non-BMP capitals
    [InlineData("123 !!!", "en", false)] // no cased character
    [InlineData("HELLO", null, true)] // detection exception passes
    public void EnglishCapital(string text, string? detected, bool expected) =>
        Assert.Equal(expected, Build("change_case:english_capital", tools: new FakeTools(detected)).Check(text));

    [Theory]
    [InlineData("hello world", "en", true)]
    [InlineData("hello I am here", "en", false)]
    [InlineData("ª ᵃ", "en", true)] // Other_Lowercase letters are lower
    [InlineData("https://example.com", null, true)]
    public void EnglishLowercase(string text, string? detected, bool expected) =>
        Assert.Equal(expected, Build("change_case:english_lowercase", tools: new FakeTools(detected)).Check(text));

    [Theory]
    [InlineData("hi", "hi", true)]
    [InlineData("unknown", "hi", false)]
    [InlineData(null, "hi", true)]
    public void ResponseLanguage(string? detected, string requested, bool expected) =>
        Assert.Equal(expected, Build("language:response_language", $$"""{"language": "{{requested}}"}""", new FakeTools(detected)).Check("text"));

    [Fact]
    public void CapitalWordsCountUpperCaseTokens()
    {
        var check = Build("change_case:capital_word_frequency", """{"capital_frequency": 3, "capital_relation": "at least"}""");
        Assert.True(check.Check("I like NASA and U.S.A. iPhone"));
        Assert.False(check.Check("I like NASA Hello iPhone"));
    }
}
