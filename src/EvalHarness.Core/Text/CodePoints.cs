namespace EvalHarness.Core.Text;

/// <summary>
/// Converts .NET strings to the sequence Python sees in a <c>str</c>: one element per Unicode code point.
/// A valid surrogate pair becomes one element; a lone surrogate stays its own element (Python keeps it too).
/// </summary>
public static class CodePoints
{
    public static int[] FromString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new int[Count(text)];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result[n++] = char.ConvertToUtf32(c, text[i + 1]);
                i++;
            }
            else
            {
                result[n++] = c;
            }
        }

        return result;
    }

    /// <summary>Python's <c>len(text)</c>.</summary>
    public static int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = text.Length;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }
}
