using System.Text.RegularExpressions;
using EvalHarness.Core.Text;
using EvalHarness.Core.Text.Haystack;

namespace EvalHarness.Core.Tests.Text.Haystack;

public sealed class MasterHaystackTests
{
    [Theory]
    [InlineData(HaystackKind.Essay)]
    [InlineData(HaystackKind.Noise)]
    public void PrefixTokenCountsAreExact(HaystackKind kind)
    {
        var master = MasterHaystack.Build(7, kind, 3000);
        var tokenizer = O200kTokenizer.Shared;
        Assert.True(master.TotalTokens >= 3000);
        for (var i = 0; i < master.SentenceCount; i++)
        {
            Assert.Equal(tokenizer.CountTokens(master.Prefix(i + 1)), master.TokensThrough[i]);
        }
    }

    [Fact]
    public void EssayMeetsTheTextConstraints()
    {
        var master = MasterHaystack.Build(11, HaystackKind.Essay, 60_000);
        var text = master.Text;
        Assert.DoesNotMatch(new Regex("[0-9]"), text);
        Assert.DoesNotMatch(new Regex("[0-9a-f]{8}-[0-9a-f]{4}", RegexOptions.IgnoreCase), text);
        Assert.DoesNotMatch(new Regex("  |\n\n\n| \n|\n |\t|\r"), text);
        Assert.All(text, c => Assert.False(char.IsSurrogate(c)));
        Assert.False(text.StartsWith(' ') || text.EndsWith(' ') || text.EndsWith('\n'));

        for (var i = 0; i < master.SentenceCount; i++)
        {
            var sentence = text[master.Starts[i]..master.Ends[i]];
            var words = sentence.Split(' ');
            Assert.InRange(words.Length, 8, 30);
            Assert.All(words, w => Assert.InRange(w.Length, 1, 20));
            Assert.True(char.IsUpper(sentence[0]), sentence);
            Assert.EndsWith(".", sentence, StringComparison.Ordinal);
            Assert.True(char.IsLetter(sentence[^2]), sentence);
            if (i > 0)
            {
                var separator = text[master.Ends[i - 1]..master.Starts[i]];
                Assert.True(separator is " " or "\n\n", $"separator '{separator}'");
            }
        }
        Assert.Contains("\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SameSeedSameTextAndLargerMastersExtendSmallerOnes()
    {
        var small = MasterHaystack.Build(5, HaystackKind.Essay, 2000);
        var again = MasterHaystack.Build(5, HaystackKind.Essay, 2000);
        var large = MasterHaystack.Build(5, HaystackKind.Essay, 9000);
        var other = MasterHaystack.Build(6, HaystackKind.Essay, 2000);
        Assert.Equal(small.Text, again.Text);
        Assert.StartsWith(small.Text, large.Text, StringComparison.Ordinal);
        Assert.NotEqual(small.Text[..500], other.Text[..500]);
    }

    [Fact]
    public void MaxSentencesWithinIsTheLargestFittingPrefix()
    {
        var master = MasterHaystack.Build(3, HaystackKind.Essay, 2000);
        var budget = master.TokensThrough[10] + 1; // sentence 12 is at least 9 tokens longer
        Assert.Equal(11, master.MaxSentencesWithin(budget));
        Assert.Equal(11, master.MaxSentencesWithin(master.TokensThrough[10]));
        Assert.Equal(10, master.MaxSentencesWithin(master.TokensThrough[10] - 1));
        Assert.Equal(0, master.MaxSentencesWithin(0));
    }

    [Fact]
    public void NoiseRepeatsItsUnit()
    {
        var master = MasterHaystack.Build(1, HaystackKind.Noise, 1000);
        Assert.Equal(master.Text[master.Starts[0]..master.Ends[0]], master.Text[master.Starts[4]..master.Ends[4]]);
        Assert.Equal(master.Text, MasterHaystack.Build(99, HaystackKind.Noise, 1000).Text);
    }
}
