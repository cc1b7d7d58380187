using EvalHarness.Core.Files;

namespace EvalHarness.Core.Reporting;

/// <summary>One published number: the eval's summary cell (group), the model it was reported for, and where from.</summary>
public sealed record PublishedValue(string Eval, string Cell, string Metric, string Model, double ValuePercent, string Source, string Date, string Caveat);

/// <summary>
/// The published results shipped in datasets/published/*.csv (columns eval, cell, metric, model, value_percent, source,
/// date, caveat), looked up by (eval, summary group, model). Cells use the evaluators' own group names, so a value is
/// only shown beside a measured cell whose definition matches.
/// </summary>
public sealed class PublishedResults
{
    private readonly List<PublishedValue> _values;

    public PublishedResults(IEnumerable<PublishedValue> values) => _values = values.ToList();

    public static PublishedResults Empty { get; } = new([]);

    public IReadOnlyList<PublishedValue> Values => _values;

    /// <summary>Loads every CSV in the folder (none found = empty); malformed rows are input errors naming file and line.</summary>
    public static PublishedResults Load(string directory)
    {
        if (!Directory.Exists(directory)) return Empty;
        var values = new List<PublishedValue>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.csv").Order(StringComparer.Ordinal))
        {
            var (header, rows) = CsvTable.Read(file, restoreText: false); // written by people, not by the harness
            foreach (var required in new[] { "eval", "cell", "model", "value_percent", "source", "date" })
            {
                if (!header.Contains(required, StringComparer.Ordinal)) throw new EvalInputException($"{file}:1: missing column '{required}'");
            }
            var line = 1;
            foreach (var r in rows)
            {
                line++;
                // "-" (or empty) marks a cell the source did not report, as in the published tables.
                if (r["value_percent"] is "-" or "") continue;
                if (!double.TryParse(r["value_percent"], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v))
                    throw new EvalInputException($"{file}:{line}: value_percent '{r["value_percent"]}' is not a number");
                values.Add(new PublishedValue(r["eval"], r["cell"], r.GetValueOrDefault("metric") ?? "", r["model"], v, r["source"], r["date"], r.GetValueOrDefault("caveat") ?? ""));
            }
        }
        return new PublishedResults(values);
    }

    /// <summary>The first published value for the cell (launch post before later restatements), or null.</summary>
    public PublishedValue? Find(string eval, string group, string model) =>
        _values.FirstOrDefault(v =>
            string.Equals(v.Eval, eval, StringComparison.OrdinalIgnoreCase)
            && string.Equals(v.Cell, group, StringComparison.Ordinal)
            && string.Equals(v.Model, model, StringComparison.OrdinalIgnoreCase));

    /// <summary>The folder shipped beside the binary.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "datasets", "published");
}
