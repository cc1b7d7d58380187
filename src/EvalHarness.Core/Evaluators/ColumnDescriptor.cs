namespace EvalHarness.Core.Evaluators;

/// <summary>How a per-sample column's cells are written and read back.</summary>
public enum ColumnType
{
    /// <summary>Free text; protected against CSV injection on write.</summary>
    Text,

    /// <summary>A whole number (counts, token indexes).</summary>
    Integer,

    /// <summary>A real number, written in round-trip form.</summary>
    Number,

    /// <summary><c>true</c> / <c>false</c>.</summary>
    Boolean,

    /// <summary>Values joined with <c>|</c>.</summary>
    List,
}

/// <summary>
/// One eval-specific per-sample column (<c>samples_&lt;eval&gt;.csv</c>): its name, cell type, unit and meaning, as
/// <c>evalharness list --columns</c> documents it. Names are unique across all modules (checked at start-up).
/// </summary>
/// <param name="Key">
/// The sample label or score column holding the value when it differs from <paramref name="Name"/> (a column renamed
/// in the CSV while the sample's labels, and so its samples_sha256, stay as they were); null = <paramref name="Name"/>.
/// </param>
public sealed record ColumnDescriptor(string Name, ColumnType Type, string Unit, string Description, string? Key = null)
{
    public bool IsNumeric => Type is ColumnType.Integer or ColumnType.Number;

    /// <summary>Where the value comes from: <see cref="EvalSample.Labels"/>, then <see cref="SampleScore.Columns"/>.</summary>
    public string SourceKey => Key ?? Name;
}
