namespace EvalHarness.Core.Text.Punkt;

/// <summary>One word token of a candidate context with its Punkt annotations (NLTK <c>PunktToken</c>).</summary>
internal sealed class PunktToken
{
    public const string NumberType = "##number##";

    public PunktToken(string text)
    {
        Text = text;
        var lower = PythonText.Lower(text);
        Type = IsNumeric(lower) ? NumberType : lower;
        PeriodFinal = text.EndsWith('.');
        var first = PythonText.FirstCodePoint(text);
        FirstUpper = PythonText.IsUppercaseChar(first);
        FirstLower = PythonText.IsLowercaseChar(first);
        IsInitial = ComputeIsInitial(text);
        IsEllipsis = text.Length >= 2 && text.All(c => c == '.');
    }

    public string Text { get; }

    /// <summary>Lowercased text, or <see cref="NumberType"/> for numbers.</summary>
    public string Type { get; }

    public bool PeriodFinal { get; }

    public bool FirstUpper { get; }

    public bool FirstLower { get; }

    /// <summary>NLTK <c>[^\W\d]\.$</c>: one non-digit word character and a period.</summary>
    public bool IsInitial { get; }

    /// <summary>NLTK <c>\.\.+$</c> at the start: two or more periods only.</summary>
    public bool IsEllipsis { get; }

    public bool SentBreak { get; set; }

    public bool Abbr { get; set; }

    public bool Ellipsis { get; set; }

    public string TypeNoPeriod => Type.Length > 1 && Type[^1] == '.' ? Type[..^1] : Type;

    public string TypeNoSentPeriod => SentBreak ? TypeNoPeriod : Type;

    // NLTK _RE_NUMERIC = ^-?[\.,]?\d[\d,\.-]*\.?$ (the final \.? is subsumed by the class); Python \d is any Nd.
    internal static bool IsNumeric(string text)
    {
        var cps = PythonText.ToCodePoints(text);
        var i = 0;
        if (i < cps.Length && cps[i] == '-') i++;
        if (i < cps.Length && cps[i] is '.' or ',') i++;
        if (i >= cps.Length || !PythonText.IsDecimalDigit(cps[i])) return false;
        for (i++; i < cps.Length; i++)
        {
            if (!(cps[i] is ',' or '.' or '-' || PythonText.IsDecimalDigit(cps[i]))) return false;
        }
        return true;
    }

    private static bool ComputeIsInitial(string text)
    {
        var cps = PythonText.ToCodePoints(text);
        return cps.Length == 2 && cps[1] == '.' && PythonText.IsWordChar(cps[0]) && !PythonText.IsDecimalDigit(cps[0]);
    }
}
