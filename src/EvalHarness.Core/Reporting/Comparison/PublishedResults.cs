using System.Globalization;
using EvalHarness.Core.Evaluators;

namespace EvalHarness.Core.Reporting.Comparison;

/// <summary>A score published by the model's vendor, in percent, with where and when it was published.</summary>
public sealed record PublishedValue(double ValuePercent, string Source, string Date);

/// <summary>Looks up a published score for a measured cell; comparisons show it beside the measured value.</summary>
public interface IPublishedResults
{
    PublishedValue? Find(string eval, string cell, string model);
}

/// <summary>No published values (the default when datasets/published is absent).</summary>
public sealed class NoPublishedResults : IPublishedResults
{
    public static NoPublishedResults Instance { get; } = new();

    public PublishedValue? Find(string eval, string cell, string model) => null;
}

/// <summary>
/// <c>datasets/published/*.csv</c> with columns eval, cell, model, value_percent, source, date. Matching is
/// case-insensitive on all three keys; cell is the measured group label (<c>all</c> for the eval aggregate).
/// </summary>
public sealed class PublishedResultsCsv(IReadOnlyDictionary<(string Eval, string Cell, string Model), PublishedValue> values) : IPublishedResults
{
    private static readonly string[] Required = ["eval", "cell", "model", "value_percent"];

    public int Count => values.Count;

    public PublishedValue? Find(string eval, string cell, string model) =>
        values.TryGetValue((Key(eval), Key(cell), Key(model)), out var v) ? v : null;

    /// <summary>All CSVs in the folder (file name order); a missing folder gives an empty lookup.</summary>
    public static IPublishedResults LoadFolder(string folder)
    {
        if (!Directory.Exists(folder)) return NoPublishedResults.Instance;
        var values = new Dictionary<(string, string, string), PublishedValue>();
        foreach (var file in Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            var (header, rows) = CsvTable.Read(file);
            foreach (var column in Required)
            {
                if (!header.Contains(column, StringComparer.Ordinal)) throw new EvalInputException($"{file}:1: missing required column '{column}'");
            }
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var text = row["value_percent"].Trim();
                if (text is "" or "-") continue; // "not published" cells
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                    throw new EvalInputException($"{file}:{i + 2}: column 'value_percent': '{text}' is not a number");
                values[(Key(row["eval"]), Key(row["cell"]), Key(row["model"]))] =
                    new PublishedValue(v, row.GetValueOrDefault("source") ?? "", row.GetValueOrDefault("date") ?? "");
            }
        }
        return new PublishedResultsCsv(values);
    }

    private static string Key(string s) => s.Trim().ToUpperInvariant();
}
