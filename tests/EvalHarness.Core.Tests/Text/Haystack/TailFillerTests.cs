using EvalHarness.Core.Text;
using EvalHarness.Core.Text.Haystack;

namespace EvalHarness.Core.Tests.Text.Haystack;

public sealed class TailFillerTests
{
    [Fact]
    public void EverySentenceLengthCountsExactlyAfterASpace()
    {
        var tokenizer = O200kTokenizer.Shared;
        var prng = new StablePrng(9);
        for (var n = TailFiller.MinSentenceTokens; n <= TailFiller.MaxSentenceTokens; n++)
        {
            var sentence = TailFiller.Sentence(n, prng);
            Assert.Equal(n, tokenizer.CountTokens(" " + sentence));
            Assert.Equal(n - 1, sentence.Split(' ').Length);
            Assert.EndsWith(".", sentence, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(9, 1)]
    [InlineData(31, 1)]
    [InlineData(32, 2)]
    [InlineData(62, 2)]
    [InlineData(63, 3)]
    public void BuildSplitsIntoFewestSentences(int tokens, int sentences)
    {
        var parts = TailFiller.Build(tokens, new StablePrng(1));
        Assert.Equal(sentences, parts.Count);
        Assert.Equal(tokens, parts.Sum(p => p.Tokens));
        var joined = string.Concat(parts.Select(p => " " + p.Sentence));
        Assert.Equal(tokens, O200kTokenizer.Shared.CountTokens(joined));
    }
}
