using CsvHelper;

namespace EvalHarness.Core.Reporting;

/// <summary>CSV through CsvHelper (RFC 4180 quoting): atomic writes of string cells, and header-keyed reads.</summary>
public static class CsvTable
{
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        AtomicFile.Write(path, writer =>
        {
            using var csv = CsvWriter.Create(writer, new CsvWriterOptions(), leaveOpen: true);
            foreach (var h in header) csv.WriteField(h);
            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row) csv.WriteField(cell);
                csv.EndRecord();
            }
            csv.Flush();
        });
    }

    /// <summary>Reads a CSV with a header row into header-keyed rows; a row with a different field count is an input error.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<Dictionary<string, string>> Rows) Read(string path)
    {
        if (!File.Exists(path)) throw new Evaluators.EvalInputException($"{path}: file not found");
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
                throw new Evaluators.EvalInputException($"{path}:{line}: {reader.FieldCount} fields, header has {header.Count}");
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++) row[header[i]] = reader.GetString(i);
            rows.Add(row);
        }
        return (header, rows);
    }
}
