using System.Text;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Tests.Text;

public sealed class O200kPreTokenizerTests
{
    // Characters that exercise every alternative of the pattern: cased letters, Lo/Lm, marks, digits (incl. No/Nl),
    // punctuation, symbols, every kind of whitespace, contractions and the long s.
    private const string Alphabet = "aZsStTlLdDrReEvVmM'\u017F\u00E9\u0301\u0903\u20DD\u4E2D\u02B0\u01C5\u05D0 \t\r\n\u00A0\u2028\u3000\u000B" +
                                    "0123\u00B2\u2167\u0663.,/!?-_()[]{}<>|\"#$%&*+=@\\^`~\u00A9\u2014\uFE0F";

    [Fact]
    public void CodePointMatcherAgreesWithRegexOnRandomBmpText()
    {
        // On BMP text the .NET regex is exact, so it is an independent oracle for the hand-written matcher.
        var prng = new StablePrng(2024);
        var sb = new StringBuilder();
        for (var trial = 0; trial < 3000; trial++)
        {
            sb.Clear();
            var len = prng.NextInt(1, 24);
            for (var i = 0; i < len; i++) sb.Append(Alphabet[prng.NextInt(Alphabet.Length)]);
            var text = sb.ToString();
            Assert.Equal(O200kPreTokenizer.SplitWithRegex(text), O200kPreTokenizer.SplitByCodePoints(text));
        }
    }

    [Fact]
    public void SupplementaryLetterJoinsTheFollowingWord()
    {
        // U+20000 (CJK Ext B, Lo) followed by "abc": one letter run for tiktoken, split by a code-unit regex.
        const string text = "\U00020000abc def";
        var ranges = new O200kPreTokenizer().PreTokenize(text).ToList();
        Assert.Equal([(0, 5), (5, 4)], ranges);
    }

    [Fact]
    public void ContractionsFoldAsciiCase()
    {
        // .NET's (?i) does not fold U+017F LONG S; both paths split it the same way (tiktoken's tokens are identical).
        Assert.Equal([(0, 2), (2, 2), (4, 5)], O200kPreTokenizer.SplitWithRegex("It'\u017F TODO"));
        Assert.Equal([(0, 2), (2, 2), (4, 5)], O200kPreTokenizer.SplitByCodePoints("It'\u017F TODO"));
        Assert.Equal([(0, 5)], O200kPreTokenizer.SplitWithRegex("WE'LL"));
        Assert.Equal([(0, 5)], O200kPreTokenizer.SplitByCodePoints("WE'LL"));
    }

    [Fact]
    public void PiecesTileTheText()
    {
        const string text = "Hi\U0001F600! It's   \r\n\r\n  x\U0001D400y 1234";
        var ranges = O200kPreTokenizer.SplitByCodePoints(text);
        var pos = 0;
        foreach (var (offset, length) in ranges)
        {
            Assert.Equal(pos, offset);
            Assert.True(length > 0);
            pos += length;
        }
        Assert.Equal(text.Length, pos);
    }
}
