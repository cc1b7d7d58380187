using EvalHarness.Core.Text;
using EvalHarness.Core.Text.LanguageDetection;

namespace EvalHarness.Core.Tests.Text.LanguageDetection;

// Expected values: spec §7 steps 1–7.
public sealed class LangdetectTextTests
{
    private static List<string> Grams(string text) => LangdetectText.ExtractNGrams(LangdetectText.Prepare(text), _ => true, null);

    [Fact]
    public void AllCapsWordsGiveOnlyFirstLetterAndEndingGrams() =>
        // "each word contributes only its first letter (H, ' H') and its last one or two letters plus the space (O , LO )"
        Assert.Equal(["H", " H", "O ", "LO ", "W", " W"], Grams("HELLO WORLD"));

    [Fact]
    public void LowercaseWordsGiveAllGramsOfOneToThree() =>
        Assert.Equal(["a", " a", "b", "ab", " ab", "b ", "ab "], Grams("ab c1").Take(7));

    [Fact]
    public void DigitsAndAsciiPunctuationAreSpaces() =>
        Assert.Equal(["x", " x", "x ", " x ", "y", " y"], Grams("x1!y"));

    [Fact]
    public void UrlsAndMailsAreRemoved()
    {
        Assert.Empty(Grams("https://example.com/path?q=1"));
        Assert.Empty(Grams("someone@example.org"));
    }

    [Fact]
    public void VietnameseMarksAreComposedThenFolded()
    {
        // "Vi" + e + U+0323 + t: e with dot below is composed (U+1EB9), then U+1EA0–U+1EFF folds to U+1EC3.
        var prepared = LangdetectText.Prepare("Vie\u0323t");
        Assert.Equal(['V', 'i', 0x1EB9, 't'], prepared);
        Assert.Equal(0x1EC3, LangdetectText.Normalize(0x1EB9, null));
    }

    [Fact]
    public void LatinIsDroppedWhenOtherScriptsDominate()
    {
        Assert.Equal(PythonText.ToCodePoints("Привет мир "), LangdetectText.Prepare("Привет мир hi"));
        Assert.Equal(PythonText.ToCodePoints("Привет hello"), LangdetectText.Prepare("Привет hello"));
    }

    [Fact]
    public void DoubleSpacesCollapseAndTextIsTruncated()
    {
        Assert.Equal(PythonText.ToCodePoints("a b"), LangdetectText.Prepare("a   b"));
        Assert.Equal(LangdetectText.MaxTextLength, LangdetectText.Prepare(new string('a', 20000)).Length);
    }

    [Theory]
    [InlineData(0x219, 0x15F)] // ș → ş
    [InlineData(0x21B, 0x163)] // ț → ţ
    [InlineData(0x6CC, 0x64A)] // Farsi yeh → Arabic yeh
    [InlineData(0x3093, 0x3042)] // Hiragana → あ
    [InlineData(0x30AB, 0x30A2)] // Katakana → ア
    [InlineData(0xD55C, 0xAC00)] // Hangul syllable → 가
    [InlineData(0x2019, ' ')] // General Punctuation → space
    [InlineData(0xAB, ' ')]
    [InlineData(0xE9, 0xE9)]
    public void NormalizesCharacters(int input, int expected) => Assert.Equal(expected, LangdetectText.Normalize(input, null));
}
