using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.RunFolders;

/// <summary>
/// The one reader of run folders. Reads samples.csv (core columns), joins each <c>samples_&lt;eval&gt;.csv</c> on
/// (model, sample_id), and parses manifest.json. Old folders, where samples.csv holds every column, read the same way.
/// Bad input is an <see cref="EvalInputException"/> naming file, line and column.
/// </summary>
public static class RunFolderReader
{
    public static readonly IReadOnlyList<string> RequiredColumns = ["model", "eval", "sample_id", "group", "score", "error_kind"];

    /// <summary>A folder holding samples.csv (what every finished or interrupted run writes).</summary>
    public static bool IsRunFolder(string folder) => System.IO.Directory.Exists(folder) && File.Exists(Path.Combine(folder, RunFolder.SamplesFileName));

    /// <summary>Reads a run folder (a directory, not a lone samples.csv): what gate, history and trend take.</summary>
    public static RunFolder ReadFolder(string folder) =>
        System.IO.Directory.Exists(folder) ? Read(folder) : throw new EvalInputException($"{folder}: run folder not found");

    /// <summary>Reads a run folder, or a samples.csv file (with whatever sits beside it).</summary>
    public static RunFolder Read(string path)
    {
        var file = System.IO.Directory.Exists(path) ? Path.Combine(path, RunFolder.SamplesFileName) : path;
        if (!File.Exists(file)) throw new EvalInputException($"{file}: file not found (expected a run folder or a samples.csv)");
        var directory = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        var manifest = ReadManifest(Path.Combine(directory, RunFolder.ManifestFileName));
        var (header, rows) = CsvTable.Read(file);
        foreach (var column in RequiredColumns)
        {
            if (!header.Contains(column, StringComparer.Ordinal))
                throw new EvalInputException($"{file}:1: missing required column '{column}' (needs {string.Join(", ", RequiredColumns)})");
        }
        var evalFiles = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var extra = new Dictionary<(string Model, string Eval, string SampleId), Dictionary<string, string>>();
        // Only a folder's own samples.csv has eval files beside it that belong to it.
        if (Path.GetFileName(file) == RunFolder.SamplesFileName)
        {
            foreach (var eval in rows.Select(r => Get(r, "eval")).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var evalFile = Path.Combine(directory, RunFolder.EvalSamplesFileName(eval));
                if (!File.Exists(evalFile)) continue;
                evalFiles[eval] = evalFile;
                ReadEvalFile(evalFile, eval, extra);
            }
        }
        var folderName = Path.GetFileName(directory);
        var manifestRunId = manifest?["run_id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;
        var samples = new List<SampleRow>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            // Record i is on line i + 2 unless an earlier quoted field spans lines (error messages rarely do).
            var cells = new RowCells(file, i + 2, rows[i]);
            var sampleId = cells.Text("sample_id");
            if (sampleId.Length == 0) throw new EvalInputException($"{file}:{i + 2}: column 'sample_id' is empty");
            var columns = rows[i];
            if (extra.TryGetValue((cells.Text("model"), cells.Text("eval"), sampleId), out var more))
            {
                foreach (var (k, value) in more) columns.TryAdd(k, value);
            }
            var errorKind = cells.Text("error_kind");
            var score = cells.Number("score");
            var isError = errorKind.Length > 0 || score is null;
            samples.Add(new SampleRow(
                cells.Text("run_id") is { Length: > 0 } runId ? runId : manifestRunId ?? folderName,
                cells.Text("model"), cells.Text("eval"), sampleId, cells.Text("group"),
                isError ? null : score, cells.Text("passed") switch { "true" => true, "false" => false, _ => null },
                errorKind, cells.Text("error_message"),
                cells.Integer("prompt_tokens"), cells.Integer("cached_tokens"), cells.Integer("completion_tokens"), cells.Integer("reasoning_tokens"),
                cells.Number("ttft_ms"), cells.Number("latency_ms"), cells.Number("cost_usd"),
                cells.Text("cluster") is { Length: > 0 } cluster ? cluster : null, cells.Text("finish_reason"),
                (int?)cells.Integer("attempts"), cells.Text("started_utc"), columns));
        }
        var runIdOfFolder = manifestRunId ?? samples.Select(s => s.RunId).FirstOrDefault(r => r.Length > 0) ?? folderName;
        return new RunFolder(directory, file, runIdOfFolder, manifest, samples, evalFiles);
    }

    /// <summary>
    /// A samples.csv as a header-keyed table with its folder's <c>samples_&lt;eval&gt;.csv</c> columns joined in (the
    /// header gains them); exactly <see cref="CsvTable.Read"/> when no eval file sits beside it (old folders, lone files).
    /// </summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<Dictionary<string, string>> Rows) ReadTable(string file)
    {
        var table = CsvTable.Read(file);
        var directory = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        if (Path.GetFileName(file) != RunFolder.SamplesFileName || !System.IO.Directory.EnumerateFiles(directory, "samples_*.csv").Any()) return table;
        var rows = Read(file).Samples.Select(s => new Dictionary<string, string>(s.Columns, StringComparer.Ordinal)).ToList();
        return (table.Header.Concat(rows.SelectMany(r => r.Keys)).Distinct(StringComparer.Ordinal).ToList(), rows);
    }

    private static void ReadEvalFile(string file, string eval, Dictionary<(string, string, string), Dictionary<string, string>> into)
    {
        var (header, rows) = CsvTable.Read(file);
        foreach (var column in (string[])["model", "sample_id"])
        {
            if (!header.Contains(column, StringComparer.Ordinal))
                throw new EvalInputException($"{file}:1: missing required column '{column}'");
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var key = (Get(row, "model"), eval, Get(row, "sample_id"));
            if (!into.TryAdd(key, row)) throw new EvalInputException($"{file}:{i + 2}: duplicate row for model '{key.Item1}', sample '{key.Item3}'");
        }
    }

    /// <summary>A manifest.json on its own (null when absent); for readers that need only the manifest, e.g. trend.</summary>
    public static JsonObject? ReadManifest(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new EvalInputException($"{path}:1: expected a JSON object");
        }
        catch (JsonException ex)
        {
            throw new EvalInputException($"{path}:{(ex.LineNumber ?? 0) + 1}: not valid JSON ({ex.Message})");
        }
    }

    private static string Get(Dictionary<string, string> row, string column) => row.TryGetValue(column, out var v) ? v.Trim() : "";

    private readonly record struct RowCells(string File, int Line, Dictionary<string, string> Row)
    {
        public string Text(string column) => Get(Row, column);

        public double? Number(string column)
        {
            var text = Text(column);
            if (text.Length == 0) return null;
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                ? v
                : throw new EvalInputException($"{File}:{Line}: column '{column}': '{text}' is not a number");
        }

        public long? Integer(string column)
        {
            var text = Text(column);
            if (text.Length == 0) return null;
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
                ? v
                : throw new EvalInputException($"{File}:{Line}: column '{column}': '{text}' is not a count");
        }
    }
}
