namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>
/// Accepts exactly what Python's <c>json.loads</c> (C scanner, strict=True) accepts (spec §4.16): any top-level
/// value, <c>NaN</c>/<c>Infinity</c>/<c>-Infinity</c>, duplicate keys, lone-surrogate escapes; whitespace is only
/// space, tab, LF, CR; raw U+0000–U+001F in strings, trailing commas, comments, leading zeros and trailing data fail.
/// System.Text.Json differs (no NaN, depth 64), hence this small recursive validator.
/// </summary>
internal static class PythonJson
{
    // Python raises RecursionError (not a verdict) far below any depth a real answer reaches; fail instead.
    private const int MaxDepth = 900;

    public static bool IsValid(string s)
    {
        // json.loads rejects a leading BOM with a ValueError.
        if (s.Length > 0 && s[0] == '\uFEFF') return false;
        int i = SkipWs(s, 0);
        if (!Value(s, ref i, 0)) return false;
        i = SkipWs(s, i);
        return i == s.Length;
    }

    private static int SkipWs(string s, int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t' or '\n' or '\r') i++;
        return i;
    }

    private static bool Value(string s, ref int i, int depth)
    {
        if (i >= s.Length || depth > MaxDepth) return false;
        switch (s[i])
        {
            case '"': return String(s, ref i);
            case '{': return Object(s, ref i, depth + 1);
            case '[': return Array(s, ref i, depth + 1);
            case 'n': return Literal(s, ref i, "null");
            case 't': return Literal(s, ref i, "true");
            case 'f': return Literal(s, ref i, "false");
            case 'N': return Literal(s, ref i, "NaN");
            case 'I': return Literal(s, ref i, "Infinity");
            case '-' when string.CompareOrdinal(s, i, "-Infinity", 0, 9) == 0: i += 9; return true;
            default: return Number(s, ref i);
        }
    }

    private static bool Literal(string s, ref int i, string word)
    {
        if (string.CompareOrdinal(s, i, word, 0, word.Length) != 0) return false;
        i += word.Length;
        return true;
    }

    private static bool Number(string s, ref int i)
    {
        int p = i;
        if (p < s.Length && s[p] == '-') p++;
        if (p >= s.Length || !IsDigit(s[p])) return false;
        if (s[p] == '0') p++;
        else while (p < s.Length && IsDigit(s[p])) p++;
        // A fraction or exponent without digits is not part of the number; the rest is then trailing data.
        if (p + 1 < s.Length && s[p] == '.' && IsDigit(s[p + 1]))
        {
            p += 2;
            while (p < s.Length && IsDigit(s[p])) p++;
        }
        if (p < s.Length && s[p] is 'e' or 'E')
        {
            int q = p + 1;
            if (q < s.Length && s[q] is '+' or '-') q++;
            if (q < s.Length && IsDigit(s[q]))
            {
                while (q < s.Length && IsDigit(s[q])) q++;
                p = q;
            }
        }
        i = p;
        return true;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool String(string s, ref int i)
    {
        int p = i + 1;
        while (p < s.Length)
        {
            char c = s[p];
            if (c == '"') { i = p + 1; return true; }
            if (c < ' ') return false;
            if (c == '\\')
            {
                if (p + 1 >= s.Length) return false;
                char e = s[p + 1];
                if (e == 'u')
                {
                    if (p + 6 > s.Length) return false;
                    for (int k = p + 2; k < p + 6; k++) if (!char.IsAsciiHexDigit(s[k])) return false;
                    p += 6;
                    continue;
                }
                if (e is not ('"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't')) return false;
                p += 2;
                continue;
            }
            p++;
        }
        return false;
    }

    private static bool Object(string s, ref int i, int depth)
    {
        int p = SkipWs(s, i + 1);
        if (p < s.Length && s[p] == '}') { i = p + 1; return true; }
        while (true)
        {
            if (p >= s.Length || s[p] != '"' || !String(s, ref p)) return false;
            p = SkipWs(s, p);
            if (p >= s.Length || s[p] != ':') return false;
            p = SkipWs(s, p + 1);
            if (!Value(s, ref p, depth)) return false;
            p = SkipWs(s, p);
            if (p >= s.Length) return false;
            if (s[p] == '}') { i = p + 1; return true; }
            if (s[p] != ',') return false;
            p = SkipWs(s, p + 1);
        }
    }

    private static bool Array(string s, ref int i, int depth)
    {
        int p = SkipWs(s, i + 1);
        if (p < s.Length && s[p] == ']') { i = p + 1; return true; }
        while (true)
        {
            if (!Value(s, ref p, depth)) return false;
            p = SkipWs(s, p);
            if (p >= s.Length) return false;
            if (s[p] == ']') { i = p + 1; return true; }
            if (s[p] != ',') return false;
            p = SkipWs(s, p + 1);
        }
    }
}
