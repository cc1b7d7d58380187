using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Parquet;
using Parquet.Serialization;

namespace EvalHarness.Core.Evaluators.Graphwalks;

/// <summary>One official data file, as the manifest should record it.</summary>
/// <param name="Split"><c>&lt;128k</c> or <c>&gt;128k</c> for the two official files, else the file name without extension.</param>
internal sealed record GraphwalksSourceFile(string Path, string Split, string Sha256, long Bytes);

/// <summary>One row of <c>openai/graphwalks</c> (columns <c>prompt, answer_nodes, prompt_chars, problem_type, date_added</c>).</summary>
/// <param name="RowIndex">0-based row index in its file (parquet: across row groups; JSONL: non-blank line number - 1).</param>
internal sealed record GraphwalksOfficialRow(
    GraphwalksSourceFile File,
    long RowIndex,
    string Prompt,
    IReadOnlyList<string> AnswerNodes,
    long? PromptChars,
    string ProblemType,
    string? DateAdded);

/// <summary>
/// Reads the official Graphwalks files: <c>graphwalks_128k_and_shorter.parquet</c> (split <c>&lt;128k</c>) and
/// <c>graphwalks_256k_to_1mil.parquet</c> (split <c>&gt;128k</c>), or JSONL with the same columns.
/// The published splits ARE these two files, so rows are never re-split by length.
/// </summary>
internal static class GraphwalksOfficialLoader
{
    public const string ShortFileName = "graphwalks_128k_and_shorter.parquet";
    public const string LongFileName = "graphwalks_256k_to_1mil.parquet";
    public const string ShortSplit = "<128k";
    public const string LongSplit = ">128k";

    /// <summary>The files behind a <c>source=</c> path: one parquet/jsonl file, or a directory holding the official files.</summary>
    public static IReadOnlyList<GraphwalksSourceFile> ResolveSources(string path)
    {
        if (File.Exists(path)) return [Describe(path)];
        if (!Directory.Exists(path))
            throw new EvalInputException($"graphwalks: source '{path}' is neither a file nor a directory");
        var files = new List<GraphwalksSourceFile>();
        foreach (var name in new[] { ShortFileName, LongFileName })
        {
            var candidate = Path.Combine(path, name);
            if (File.Exists(candidate)) files.Add(Describe(candidate));
        }
        if (files.Count == 0)
            throw new EvalInputException($"graphwalks: directory '{path}' holds neither {ShortFileName} nor {LongFileName}");
        return files;
    }

    public static string SplitOf(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith("graphwalks_128k_and_shorter", StringComparison.OrdinalIgnoreCase)) return ShortSplit;
        if (name.StartsWith("graphwalks_256k_to_1mil", StringComparison.OrdinalIgnoreCase)) return LongSplit;
        return Path.GetFileNameWithoutExtension(name);
    }

    public static IAsyncEnumerable<GraphwalksOfficialRow> ReadAsync(GraphwalksSourceFile file, CancellationToken cancellationToken) =>
        file.Path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
            ? ReadParquetAsync(file, cancellationToken)
            : ReadJsonlAsync(file, cancellationToken);

    private static GraphwalksSourceFile Describe(string path)
    {
        var full = Path.GetFullPath(path);
        using var stream = File.OpenRead(full);
        var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new GraphwalksSourceFile(full, SplitOf(full), sha, stream.Length);
    }

    private static async IAsyncEnumerable<GraphwalksOfficialRow> ReadParquetAsync(
        GraphwalksSourceFile file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new ParquetOptions { TreatByteArrayAsString = true };
        int rowGroups;
        await using (var stream = File.OpenRead(file.Path))
        {
            try
            {
                await using var reader = await ParquetReader.CreateAsync(stream, options, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
                rowGroups = reader.RowGroupCount;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new EvalInputException($"graphwalks: {file.Path} is not a readable parquet file: {e.Message}", e);
            }
        }
        long row = 0;
        // One row group at a time: the >128k file holds ~1.6 GB of prompt text as UTF-16.
        for (var g = 0; g < rowGroups; g++)
        {
            IList<Dictionary<string, object?>> data;
            await using (var stream = File.OpenRead(file.Path))
            {
                try
                {
                    var result = await ParquetSerializer.DeserializeUntypedAsync(stream, options, g, cancellationToken).ConfigureAwait(false);
                    data = result.Data!;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new EvalInputException($"graphwalks: {file.Path} row group {g}: cannot read ({e.Message})", e);
                }
            }
            foreach (var values in data)
            {
                yield return ToRow(file, row, "row", name => values.TryGetValue(name, out var v) ? v : null);
                row++;
            }
        }
    }

    private static async IAsyncEnumerable<GraphwalksOfficialRow> ReadJsonlAsync(
        GraphwalksSourceFile file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file.Path);
        long lineNo = 0, row = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonElement root;
            try
            {
                root = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException e)
            {
                throw new EvalInputException($"graphwalks: {file.Path} line {lineNo}: invalid JSON ({e.Message})", e);
            }
            if (root.ValueKind != JsonValueKind.Object)
                throw new EvalInputException($"graphwalks: {file.Path} line {lineNo}: expected a JSON object");
            yield return ToRow(file, row, "line " + lineNo.ToString(CultureInfo.InvariantCulture), name => FromJson(root, name));
            row++;
        }
    }

    private static object? FromJson(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.TryGetInt64(out var l) ? l : v.GetDouble(),
            JsonValueKind.Array => v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : (object?)e.GetRawText()).ToList(),
            JsonValueKind.Null => null,
            _ => v.GetRawText(),
        };
    }

    private static GraphwalksOfficialRow ToRow(GraphwalksSourceFile file, long row, string where, Func<string, object?> get)
    {
        var at = $"graphwalks: {file.Path} {where}";
        if (where == "row") at += " " + row.ToString(CultureInfo.InvariantCulture);
        var prompt = AsString(get("prompt")) ?? throw new EvalInputException($"{at}: field 'prompt' is missing or not a string");
        var type = AsString(get("problem_type")) ?? throw new EvalInputException($"{at}: field 'problem_type' is missing or not a string");
        if (type is not ("bfs" or "parents"))
            throw new EvalInputException($"{at}: field 'problem_type' is '{type}', expected bfs or parents");
        if (get("answer_nodes") is not IEnumerable nodes || nodes is string)
            throw new EvalInputException($"{at}: field 'answer_nodes' is missing or not a list");
        var answer = new List<string>();
        foreach (var n in nodes)
        {
            answer.Add(AsString(n) ?? throw new EvalInputException($"{at}: field 'answer_nodes' holds a non-string item"));
        }
        long? chars = get("prompt_chars") switch
        {
            null => null,
            long l => l,
            int i => i,
            double d when d == Math.Floor(d) => (long)d,
            var other => throw new EvalInputException($"{at}: field 'prompt_chars' is '{other}', not an integer"),
        };
        return new GraphwalksOfficialRow(file, row, prompt, answer, chars, type, AsString(get("date_added")) ?? get("date_added")?.ToString());
    }

    private static string? AsString(object? value) => value switch
    {
        string s => s,
        ReadOnlyMemory<char> m => m.ToString(),
        byte[] b => System.Text.Encoding.UTF8.GetString(b),
        _ => null,
    };
}
