namespace EvalHarness.Core.Evaluators;

/// <summary>Per-sample columns several evals declare with one meaning (the catalog allows a shared name only for these).</summary>
public static class SharedColumns
{
    /// <summary>The response's length in Unicode code points (not UTF-16 units), in every eval that writes it.</summary>
    public static readonly ColumnDescriptor ResponseChars =
        new("response_chars", ColumnType.Integer, "code points", "Length of the response text in Unicode code points (a surrogate pair counts once)");
}
