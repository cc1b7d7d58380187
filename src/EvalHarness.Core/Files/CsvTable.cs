using CsvHelper;

namespace EvalHarness.Core.Files;

/// <summary>
/// CSV through CsvHelper (RFC 4180 quoting): atomic writes of string cells, and header-keyed reads. Cells of text
/// columns are protected against CSV injection (<see cref="CsvText"/>) on write and restored on read.
/// </summary>
public static class CsvTable
{
    /// <param name="numericColumns">
    /// Columns written as they are (numbers, which may start with '-'); every other column is text and protected.
    /// Null = every column is text.
    /// </param>
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IEnumerable<string>> rows, IReadOnlySet<string>? numericColumns = null)
    {
        var isText = header.Select(h => numericColumns is null || !numericColumns.Contains(h)).ToArray();
        AtomicFile.Write(path, writer =>
        {
            using var csv = CsvWriter.Create(writer, new CsvWriterOptions(), leaveOpen: true);
            foreach (var h in header) csv.WriteField(h);
            csv.EndRecord();
            foreach (var row in rows)
            {
                var i = 0;
                foreach (var cell in row)
                {
                    csv.WriteField(i < isText.Length && isText[i] ? CsvText.Protect(cell) : cell);
                    i++;
                }
                csv.EndRecord();
            }
            csv.Flush();
        });
    }

    /// <summary>
    /// Reads a CSV with a header row into header-keyed rows; a row with a different field count is an input error.
    /// Cells protected by <see cref="Write"/> are restored (<paramref name="restoreText"/> false keeps a leading quote,
    /// for files written by people rather than by the harness).
    /// </summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<Dictionary<string, string>> Rows) Read(string path, bool restoreText = true)
    {
        if (!File.Exists(path)) throw new EvalInputException($"{path}: file not found");
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { HasHeader = false });
        var header = new List<string>();
        var rows = new List<Dictionary<string, string>>();
        var line = 0;
        while (reader.Read())
        {
            line++;
            if (line == 1)
            {
                for (var i = 0; i < reader.FieldCount; i++) header.Add(reader.GetString(i));
                continue;
            }
            if (reader.FieldCount != header.Count)
                throw new EvalInputException($"{path}:{line}: {reader.FieldCount} fields, header has {header.Count}");
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++) row[header[i]] = restoreText ? CsvText.Restore(reader.GetString(i)) : reader.GetString(i);
            rows.Add(row);
        }
        return (header, rows);
    }
}
