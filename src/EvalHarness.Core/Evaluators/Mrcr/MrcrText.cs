namespace EvalHarness.Core.Evaluators.Mrcr;

/// <summary>Small text helpers with Python str semantics (code points, not UTF-16 units).</summary>
internal static class MrcrText
{
    /// <summary>Python <c>len(s)</c>: a surrogate pair counts once.</summary>
    public static int CodePointCount(string s)
    {
        var n = s.Length;
        for (var i = 0; i + 1 < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1]))
            {
                n--;
                i++;
            }
        }
        return n;
    }
}
