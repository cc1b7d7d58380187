using System.Globalization;
using System.Text.Json.Nodes;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Files;

namespace EvalHarness.Interop.Tests;

/// <summary>A finished run folder as the tests read it: samples.csv, summary.csv, manifest.json.</summary>
internal sealed class RunFolder(string path)
{
    public string Path { get; } = path;

    public IReadOnlyList<string> SamplesHeader => CsvTable.Read(File("samples.csv")).Header;

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Samples => Rows("samples.csv");

    public IReadOnlyList<string> SummaryHeader => CsvTable.Read(File("summary.csv")).Header;

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Summary => Rows("summary.csv");

    public JsonObject Manifest => JsonNode.Parse(System.IO.File.ReadAllText(File("manifest.json")))!.AsObject();

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public static double Number(IReadOnlyDictionary<string, string> row, string column)
    {
        Assert.True(row.TryGetValue(column, out var text), $"no column {column}");
        Assert.True(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value), $"{column} is '{text}', not a number");
        return value;
    }

    /// <summary>
    /// The effective max output tokens the manifest records for <paramref name="eval"/> and <paramref name="model"/>:
    /// a <c>max_output_tokens</c> number on the eval's entry, or an object of it keyed by model name.
    /// </summary>
    public int? EffectiveMaxOutputTokens(string eval, string model)
    {
        var entry = Manifest["evals"]!.AsArray().Select(e => e!.AsObject())
            .Single(e => string.Equals((string?)e["name"], eval, StringComparison.Ordinal));
        return Find(entry);

        int? Find(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, child) in o)
                    {
                        if (key.Contains("max_output_tokens", StringComparison.Ordinal))
                        {
                            if (child is JsonValue v && v.TryGetValue<int>(out var n)) return n;
                            if (child is JsonObject byModel && byModel[model] is JsonValue mv && mv.TryGetValue<int>(out var m)) return m;
                        }
                        if (Find(child) is { } inner) return inner;
                    }
                    return null;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        if (child is JsonObject item && item["model"] is JsonValue name && (string?)name != model && item.ContainsKey("max_output_tokens")) continue;
                        if (Find(child) is { } inner) return inner;
                    }
                    return null;
                default:
                    return null;
            }
        }
    }

    private IReadOnlyList<IReadOnlyDictionary<string, string>> Rows(string name) => CsvTable.Read(File(name)).Rows;
}
