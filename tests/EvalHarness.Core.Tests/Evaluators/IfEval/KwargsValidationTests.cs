using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.IfEval;
using static EvalHarness.Core.Tests.Evaluators.IfEval.CheckerTestKit;

namespace EvalHarness.Core.Tests.Evaluators.IfEval;

/// <summary>Building from kwargs (spec §2.2): unknown and missing parameters are bad input; null values are dropped.</summary>
public sealed class KwargsValidationTests
{
    [Fact]
    public void UnknownParameterIsRejectedByName()
    {
        var e = Assert.Throws<EvalInputException>(() => Build("punctuation:no_comma", """{"num_words": 3}"""));
        Assert.Contains("'num_words'", e.Message);
        Assert.Contains("punctuation:no_comma", e.Message);
    }

    [Fact]
    public void MissingRequiredParameterIsRejectedByName()
    {
        var e = Assert.Throws<EvalInputException>(() => Build("length_constraints:number_words", """{"num_words": 3}"""));
        Assert.Contains("'relation'", e.Message);
        Assert.Contains("required", e.Message);
    }

    [Fact]
    public void NullValuedKeysAreDropped()
    {
        var check = Build("length_constraints:number_words", """{"num_words": 2, "relation": "at least", "keyword": null, "language": null}""");
        Assert.True(check.Check("two words"));
        Assert.NotNull(Build("punctuation:no_comma", """{"num_words": null}"""));
    }

    [Theory]
    [InlineData("keywords:frequency", """{"keyword": "a", "frequency": 2, "relation": "at most"}""", "'relation'")]
    [InlineData("keywords:frequency", """{"keyword": "a", "frequency": "2", "relation": "at least"}""", "'frequency'")]
    [InlineData("keywords:existence", """{"keywords": "a"}""", "'keywords'")]
    [InlineData("keywords:letter_frequency", """{"letter": "ab", "let_frequency": 2, "let_relation": "at least"}""", "'letter'")]
    [InlineData("length_constraints:nth_paragraph_first_word", """{"num_paragraphs": 2, "nth_paragraph": 3, "first_word": "a"}""", "'nth_paragraph'")]
    public void BadValuesAreRejectedByName(string id, string kwargs, string field)
    {
        var e = Assert.Throws<EvalInputException>(() => Build(id, kwargs));
        Assert.Contains(field, e.Message);
    }

    [Fact]
    public void UnknownIdIsRejected()
    {
        var e = Assert.Throws<EvalInputException>(() => IfEvalRegistry.Build("keywords:nope", new JsonObject(), new FakeTools(), "f.jsonl line 3"));
        Assert.Contains("f.jsonl line 3", e.Message);
        Assert.Contains("keywords:nope", e.Message);
    }

    [Fact]
    public void RegistryHasThe25ReferenceIds() => Assert.Equal(25, IfEvalRegistry.Ids.Count);
}
