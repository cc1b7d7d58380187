using EvalHarness.Core.Text;

namespace EvalHarness.Core.Tests.Text;

// Expected values: spec §1/§5.1 examples and CPython 3.11 (Unicode 14) results for the same strings.
public sealed class PythonTextTests
{
    [Theory]
    [InlineData("Ⅻ", true)]
    [InlineData("HELLO 123", true)]
    [InlineData("𝐀B", true)]
    [InlineData("123", false)]
    [InlineData("HELLO ǅ", false)]
    [InlineData("ǅ", false)]
    [InlineData("HELLo", false)]
    public void IsUpperFollowsDerivedUppercase(string text, bool expected) => Assert.Equal(expected, PythonText.IsUpper(text));

    [Theory]
    [InlineData("ª", true)]
    [InlineData("ᵃ", true)]
    [InlineData("abc ª 42", true)]
    [InlineData("ABC", false)]
    [InlineData("हिन्दी", false)]
    [InlineData("hello I", false)]
    public void IsLowerFollowsDerivedLowercase(string text, bool expected) => Assert.Equal(expected, PythonText.IsLower(text));

    [Theory]
    [InlineData("İSTANBUL ΟΔΟΣ", "i\u0307stanbul οδος")]
    [InlineData("ΣΑ Σ", "σα σ")]
    [InlineData("ΑΣ.", "ας.")]
    [InlineData("Hello World", "hello world")]
    public void LowerIsFullLowercasing(string text, string expected) => Assert.Equal(expected, PythonText.Lower(text));

    [Fact]
    public void StripAndSplitUsePythonWhitespace()
    {
        Assert.Equal("a \u001fb", PythonText.Strip("\u001c a \u001fb\u3000"));
        Assert.Equal(["a", "b", "c", "d"], PythonText.Split("\u001ca\u001db\u2028c  d"));
        Assert.Empty(PythonText.Split(" \t\n"));
        Assert.True(PythonText.IsSpace(0x1F));
        Assert.False(PythonText.IsSpace(0x200B));
    }

    [Theory]
    [InlineData("don't", 2)]
    [InlineData("e-mail", 2)]
    [InlineData("3.5", 2)]
    [InlineData("foo_bar", 1)]
    [InlineData("हिन्दी भाषा", 5)]
    [InlineData("**bold** 🙂 text", 2)]
    [InlineData("don't e-mail 3.5 foo_bar ½² हिन्दी भाषा 𝐀bc café", 15)]
    public void CountWordsCountsPythonWordRuns(string text, int expected) => Assert.Equal(expected, PythonText.CountWords(text));

    [Fact]
    public void RegexFragmentsMatchPythonClasses()
    {
        var boundary = new System.Text.RegularExpressions.Regex(PythonText.WordBoundary + "cat" + PythonText.WordBoundary, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        // Spec §4.3: found in "a cat-x" and "cat\u0301", not in "cat_x" or "caté".
        Assert.Matches(boundary, "a cat-x");
        Assert.Matches(boundary, "cat\u0301");
        Assert.DoesNotMatch(boundary, "cat_x");
        Assert.DoesNotMatch(boundary, "caté");
        Assert.Matches("^" + PythonText.SpaceClass + "$", "\u001c");
        Assert.Matches("^" + PythonText.WordClass + "$", "½");
        Assert.DoesNotMatch("^" + PythonText.WordClass + "$", "\u0301");
    }

    [Fact]
    public void CharactersNewerThanUnicode14AreUnassignedAsInPython311()
    {
        // CPython 3.11 (Unicode 14): U+1DF25 (Unicode 15) is not lowercase, U+A7CB (16.0) not uppercase,
        // U+31350 (CJK Ext. H, 15.0) is no word character; all of them lowercase to themselves.
        Assert.False(PythonText.IsLower("\U0001DF25"));
        Assert.False(PythonText.IsUpper("\uA7CB"));
        Assert.False(PythonText.IsWordChar(0x31350));
        Assert.Equal("a\U0001DF25\uA7CB", PythonText.Lower("A\U0001DF25\uA7CB"));
    }

    [Fact]
    public void LoneSurrogatesSurviveLowercasing() => Assert.Equal("lone\ud800", PythonText.Lower("LONE\ud800"));
}
