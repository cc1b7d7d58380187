using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Tests.Evaluators.Niah;

public sealed class NiahScorerTests
{
    private static EvalSample Sample(string valueType, string[] expected, string[] distractors) => new()
    {
        Id = "t",
        Eval = "niah",
        Group = "g",
        Messages = [new ChatMessage("user", "q")],
        Truth = new JsonObject
        {
            ["value_type"] = valueType,
            ["expected_values"] = new JsonArray(expected.Select(e => (JsonNode)JsonValue.Create(e)).ToArray()),
            ["distractor_values"] = new JsonArray(distractors.Select(e => (JsonNode)JsonValue.Create(e)).ToArray()),
        },
    };

    private static SampleScore Score(EvalSample s, string response) => new NiahEvaluator().Score(s, response);

    [Fact]
    public void ExactValueInAVerboseAnswerPasses()
    {
        var r = Score(Sample("numbers", ["4821937"], []), "Sure! The special number for amber-falcon is 4821937, as stated.");
        Assert.Equal(1.0, r.Score);
        Assert.True(r.Passed);
        Assert.Equal("4821937", r.Columns["found_values"]);
        Assert.Equal("true", r.Columns["strict_pass"]);
        Assert.Equal("false", r.Columns["lenient_used"]);
        Assert.Equal("64", r.Columns["response_chars"]);
    }

    [Fact]
    public void PartialCreditIsTheShareOfValuesFound()
    {
        var r = Score(Sample("numbers", ["1111111", "2222222", "3333333", "4444444"], []), "1111111 and 3333333");
        Assert.Equal(0.5, r.Score);
        Assert.False(r.Passed);
        Assert.Equal("1111111|3333333", r.Columns["found_values"]);
        Assert.Equal("false", r.Columns["strict_pass"]);
    }

    [Theory]
    [InlineData("It is 4,821,937.")]
    [InlineData("It is 4.821.937")]
    [InlineData("It is 4 821 937")]
    [InlineData("It is 4\u00A0821\u00A0937")] // NFKC folds no-break spaces to spaces
    [InlineData("It is 4'821'937")]
    public void ThousandsSeparatorsCountButAreFlagged(string response)
    {
        var r = Score(Sample("numbers", ["4821937"], []), response);
        Assert.Equal(1.0, r.Score);
        Assert.Equal("true", r.Columns["lenient_used"]);
    }

    [Fact]
    public void ListingEveryValuePassesButNotStrictly()
    {
        var r = Score(Sample("numbers", ["4821937"], ["1234567", "7654321"]), "Numbers: 1234567, 4821937, 7654321");
        Assert.Equal(1.0, r.Score);
        Assert.True(r.Passed);
        Assert.Equal("1234567|7654321", r.Columns["distractor_hits"]);
        Assert.Equal("false", r.Columns["strict_pass"]);
    }

    [Fact]
    public void EmptyResponseScoresZero()
    {
        var r = Score(Sample("numbers", ["4821937"], []), "");
        Assert.Equal(0.0, r.Score);
        Assert.False(r.Passed);
        Assert.Equal("", r.Columns["found_values"]);
        Assert.Equal("0", r.Columns["response_chars"]);
    }

    [Fact]
    public void ZeroWidthCharactersInsideAValueAreIgnored()
    {
        var r = Score(Sample("numbers", ["4821937"], []), "48\u200B21\u200D937\uFEFF");
        Assert.Equal(1.0, r.Score);
        Assert.Equal("false", r.Columns["lenient_used"]);
    }

    [Fact]
    public void WordsAndUuidsMatchCaseInsensitively()
    {
        Assert.Equal(1.0, Score(Sample("words", ["pancake"], []), "PANCAKE").Score);
        Assert.Equal(1.0, Score(Sample("uuids", ["3f2a1b4c-0d9e-4f7a-8b6c-5d4e3f2a1b0c"], []), "3F2A1B4C-0D9E-4F7A-8B6C-5D4E3F2A1B0C").Score);
        // Fullwidth digits are folded by NFKC.
        Assert.Equal(1.0, Score(Sample("numbers", ["4821937"], []), "\uFF14\uFF18\uFF12\uFF11\uFF19\uFF13\uFF17").Score);
    }

    [Fact]
    public void AWrongNumberScoresZero()
    {
        var r = Score(Sample("numbers", ["4821937"], []), "4821936");
        Assert.Equal(0.0, r.Score);
    }
}
