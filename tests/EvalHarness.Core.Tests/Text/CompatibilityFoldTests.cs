using EvalHarness.Core.Text;

namespace EvalHarness.Core.Tests.Text;

// Expected strings are Python's unicodedata.normalize("NFKC", ...) results (Unicode 14), checked by hand.
public sealed class CompatibilityFoldTests
{
    [Theory]
    [InlineData("\uFF14\uFF18\uFF12", "482")]
    [InlineData("4\u00A0821\u202F937", "4 821 937")]
    [InlineData("x\u00B2 y\u2075 H\u2082O", "x2 y5 H2O")]
    [InlineData("\u2460\u2468", "19")]
    [InlineData("\U0001D7D1\U0001D7E0", "38")]
    [InlineData("\U0001D400\U0001D41A\U0001D56B", "Aaz")]
    [InlineData("\uFB01ne \uFB04", "fine ffl")]
    [InlineData("plain ASCII, caf\u00E9", "plain ASCII, caf\u00E9")]
    public void FoldsCompatibilityCharacters(string input, string expected) => Assert.Equal(expected, CompatibilityFold.Nfkc(input));
}
