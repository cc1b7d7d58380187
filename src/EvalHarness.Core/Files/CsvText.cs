namespace EvalHarness.Core.Files;

/// <summary>
/// CSV injection (OWASP): a text cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR is prefixed with
/// a single quote so spreadsheets show it as text instead of running it as a formula. A text cell that already starts
/// with a quote gets one more, so <see cref="Restore"/> (used by every reader of our CSVs) gives back the exact text.
/// Only text columns are protected: each writer declares its numeric columns, which are written as they are.
/// </summary>
internal static class CsvText
{
    public const char Quote = '\'';

    public static string Protect(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or Quote ? Quote + text : text;

    public static string Restore(string cell) => cell.Length > 0 && cell[0] == Quote ? cell[1..] : cell;
}
