using System.Globalization;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.RunFolders;
using EvalHarness.Core.Running;
using EvalHarness.Core;
using EvalHarness.Core.Files;

namespace EvalHarness.Report;

/// <summary>One column of results: a model in a run, labelled by the model, or model@run when the model is in several runs.</summary>
public sealed record ReportSide(string Label, string RunId, string Model, DateTimeOffset? StartedUtc);

/// <summary>One sample as the report shows it: its row (core and eval columns) and its journal record, when there is one.</summary>
public sealed record ReportSample(ReportSide Side, SampleRow Row, JournalRecord? Response)
{
    public string Eval => Row.Eval;

    public string Group => Row.Group;

    public double? Score => Row.Score;

    public bool IsError => Row.IsError;

    /// <summary>The column by name, else its first non-empty alias (<see cref="ReportSpecs.Aliases"/>).</summary>
    public string Column(string name)
    {
        var v = Row.Column(name);
        if (v.Length > 0) return v;
        foreach (var alias in ReportSpecs.Aliases(name))
        {
            v = Row.Column(alias);
            if (v.Length > 0) return v;
        }
        return "";
    }

    public double? Number(string column) =>
        double.TryParse(Column(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}

/// <summary>A row of a run's summary.csv (the numbers the run itself computed, IFEval's metric groups among them).</summary>
public sealed record SummaryEntry(ReportSide Side, string Eval, string Group, int N, int Errors, double? Mean, double? Low, double? High, double? PublishedPercent);

/// <summary>
/// Every input read once through <see cref="RunFolderReader"/>: sides, samples with their responses (responses.jsonl),
/// the runs' summary.csv rows and manifests, and one colour per model.
/// </summary>
public sealed record ReportData(
    IReadOnlyList<RunInfo> Sources, IReadOnlyList<ReportSide> Sides, IReadOnlyList<ReportSample> Samples,
    IReadOnlyList<SummaryEntry> Summaries, PublishedResults SummaryPublished, ModelColors Colors)
{
    public IReadOnlyList<string> Evals { get; } = Samples.Select(s => s.Eval).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static ReportData Load(IReadOnlyList<string> inputs)
    {
        if (inputs.Count == 0) throw new EvalInputException("report: no input given (expected run folders or samples.csv files)");
        var folders = new List<RunFolder>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var folder = RunFolderReader.Read(input);
            if (seen.Add(Path.GetFullPath(folder.SamplesFile))) folders.Add(folder); // the same file given twice is read once
        }
        var pairs = folders.SelectMany(f => f.Samples.Select(s => (s.RunId, s.Model, Folder: f))).DistinctBy(p => (p.RunId, p.Model)).ToList();
        var ambiguous = pairs.GroupBy(p => p.Model, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var sides = new Dictionary<(string RunId, string Model), ReportSide>();
        foreach (var (runId, model, folder) in pairs)
        {
            var started = Time(folder.ManifestText("started_utc"))
                ?? folder.Samples.Where(s => s.RunId == runId && s.Model == model).Select(s => Time(s.StartedUtc)).Where(t => t is not null).Min();
            sides[(runId, model)] = new ReportSide(ambiguous.Contains(model) ? $"{model}@{runId}" : model, runId, model, started);
        }
        var samples = new List<ReportSample>();
        var summaries = new List<SummaryEntry>();
        var published = new List<PublishedValue>();
        foreach (var folder in folders)
        {
            var journal = new Dictionary<(string, string, string), JournalRecord>();
            foreach (var r in ResponseJournal.Read(folder.JournalPath)) journal[(r.Model, r.Eval, r.Id)] = r; // last record wins
            foreach (var s in folder.Samples)
                samples.Add(new ReportSample(sides[(s.RunId, s.Model)], s, journal.GetValueOrDefault((s.Model, s.Eval, s.SampleId))));
            ReadSummary(folder, sides, summaries, published);
        }
        var colors = new ModelColors(sides.Values.Select(s => s.Model));
        return new ReportData(folders.Select(RunInfo.From).ToList(), sides.Values.ToList(), samples, summaries, new PublishedResults(published), colors);
    }

    /// <summary>The run's summary.csv rows (by side) and its published_value column, a fallback when no published folder is given.</summary>
    private static void ReadSummary(RunFolder folder, Dictionary<(string, string), ReportSide> sides, List<SummaryEntry> into, List<PublishedValue> published)
    {
        var path = folder.SummaryPath;
        if (!File.Exists(path)) return;
        var (header, rows) = CsvTable.Read(path);
        if (!header.Contains("group", StringComparer.Ordinal)) return;
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var line = i + 2;
            string T(string c) => r.TryGetValue(c, out var v) ? v.Trim() : "";
            double? N(string c)
            {
                var text = T(c);
                if (text.Length == 0) return null;
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                    ? v
                    : throw new EvalInputException($"{path}:{line}: column '{c}': '{text}' is not a number");
            }
            var runId = T("run_id") is { Length: > 0 } id ? id : folder.RunId;
            if (N("published_value") is { } pv)
                published.Add(new PublishedValue(T("eval"), T("group"), "", T("model"), pv * 100, T("published_source"), T("published_date"), ""));
            if (!sides.TryGetValue((runId, T("model")), out var side)) continue;
            into.Add(new SummaryEntry(side, T("eval"), T("group"), (int)(N("n") ?? 0), (int)(N("n_errors") ?? 0), N("mean_score"), N("ci95_low"), N("ci95_high"),
                N("published_value") * 100));
        }
    }

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUniversalTime() : null;
}
