namespace EvalHarness.Core.Text;

/// <summary>
/// Converts .NET strings to the sequence Python sees in a <c>str</c>: one element per Unicode code point.
/// A valid surrogate pair becomes one element; a lone surrogate stays its own element (Python keeps it too).
/// </summary>
internal static class CodePoints
{
    public static int[] FromString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new int[Count(text)];
        var n = 0;
        for (var i = 0; i < text.Length;) result[n++] = Next(text, ref i);
        return result;
    }

    /// <summary>The code point starting at <paramref name="index"/>, advancing the index past it.</summary>
    internal static int Next(string text, ref int index)
    {
        int c = text[index++];
        if ((uint)(c - 0xD800) < 0x400 && index < text.Length && char.IsLowSurrogate(text[index]))
        {
            return char.ConvertToUtf32((char)c, text[index++]);
        }

        return c;
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
