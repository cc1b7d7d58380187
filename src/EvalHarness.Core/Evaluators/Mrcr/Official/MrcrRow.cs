namespace EvalHarness.Core.Evaluators.Mrcr.Official;

/// <summary>One row of the official set (or a JSONL file with the same columns), before the prompt is parsed.</summary>
/// <param name="Prompt">The <c>prompt</c> column: a JSON list of <c>{role, content}</c>.</param>
/// <param name="RowIndex">0-based row index within the file; <see cref="Location"/> names it for error messages.</param>
internal sealed record MrcrRow(
    string Prompt,
    string Answer,
    string RandomStringToPrepend,
    int NNeedles,
    int DesiredMsgIndex,
    int TotalMessages,
    long NChars,
    string DateAdded,
    MrcrSourceFile File,
    long RowIndex)
{
    public string Location => File.Format == MrcrFileFormat.Jsonl
        ? $"{File.Path} line {RowIndex + 1}"
        : $"{File.Path} row {RowIndex}";
}
