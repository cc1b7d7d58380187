using EvalHarness.Core.Text;

namespace EvalHarness.Core.Tests.Text;

public sealed class CodePointsTests
{
    [Theory]
    // UTF-16 units are passed as numbers: attribute strings cannot carry lone surrogates intact.
    [InlineData(new int[0], new int[0])]
    [InlineData(new[] { 0x61, 0x62 }, new[] { 0x61, 0x62 })]
    [InlineData(new[] { 0xD835, 0xDC00, 0x78 }, new[] { 0x1D400, 0x78 })] // Python: len('𝐀x') == 2
    [InlineData(new[] { 0xD800, 0x61 }, new[] { 0xD800, 0x61 })] // lone high surrogate stays one element
    [InlineData(new[] { 0x61, 0xDC00 }, new[] { 0x61, 0xDC00 })] // lone low surrogate
    [InlineData(new[] { 0xDC00, 0xD800 }, new[] { 0xDC00, 0xD800 })] // reversed pair is two lone surrogates
    [InlineData(new[] { 0xD800, 0xD83D, 0xDE00 }, new[] { 0xD800, 0x1F600 })]
    public void FromStringYieldsPythonCodePoints(int[] utf16, int[] expected)
    {
        var text = new string([.. utf16.Select(u => (char)u)]);
        Assert.Equal(expected, CodePoints.FromString(text));
        Assert.Equal(expected.Length, CodePoints.Count(text));
    }
}
