using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Cli.Console;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.IfEval;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Running;
using Spectre.Console;

namespace EvalHarness.Cli.Commands;

/// <summary><c>evalharness score</c>: score recorded responses without calling a model.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var eval = CommonOptions.Eval("Evaluator name");
        var samplesFile = new Option<string?>("--samples") { Description = "Prompts JSONL written by `evalharness prompts`" };
        var responsesFile = new Option<string>("--responses") { Description = "JSONL of {\"id\",\"response\"} (a run's responses.jsonl works too)", Required = true };
        var output = new Option<string?>("--out") { Description = "Output folder for samples.csv and summary.csv (default: results/score-<time>)" };
        var model = new Option<string>("--model", "--models") { Description = "Model label for rows whose line has no \"model\" field", DefaultValueFactory = _ => "recorded" };
        var inputData = new Option<string?>("--input-data")
        {
            Description = "IFEval only: the official input_data.jsonl; --responses is then the official {\"prompt\",\"response\"} file",
        };
        var option = CommonOptions.EvalOption();
        var command = new Command("score", "Score recorded responses (no model calls); writes samples.csv and summary.csv")
        {
            eval, samplesFile, responsesFile, inputData, output, model, option,
        };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(() =>
        {
            var registration = EvaluatorRegistry.Find(parse.GetValue(eval)!);
            CommonOptions.ValidateEvalOptions(parse.GetValue(option) ?? [], [registration.Name]);
            var evaluator = registration.Create(CommonOptions.MergeOptions(registration.Name, [], parse.GetValue(option) ?? []));
            var outDir = parse.GetValue(output) ?? Path.Combine("results", "score-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            // Never overwrite another run's (or score's) CSVs; a file or unwritable folder is bad input, not a crash.
            RunFolder.EnsureNewAndWritable(outDir, "--out");
            var runId = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir)));
            var (samples, responses) = parse.GetValue(inputData) is { } official
                ? OfficialIfEval(evaluator, official, parse.GetValue(responsesFile)!, parse.GetValue(model)!)
                : LoadInputs(evaluator, parse.GetValue(samplesFile), parse.GetValue(responsesFile)!, parse.GetValue(model)!);
            var results = Score(evaluator, samples, responses);
            Directory.CreateDirectory(outDir);
            SamplesCsv.Write(Path.Combine(outDir, "samples.csv"), runId, results, SamplesCsv.Header([evaluator.Columns]), evaluatorNumericColumns: evaluator.NumericColumns);
            var summary = Summary.Build(results, published: PublishedResults.Load(PublishedResults.DefaultDirectory));
            Summary.Write(Path.Combine(outDir, "summary.csv"), runId, summary);
            SummaryTable.Render(AnsiConsole.Console, summary, includeGroups: summary.Count <= 40);
            AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(Path.GetFullPath(outDir))}[/] ({results.Count} rows)");
            return Task.FromResult(results.Any(r => r.IsError) ? ExitCodes.SamplesErrored : ExitCodes.Success);
        }));
        return command;
    }

    /// <summary>Google's formats: input_data.jsonl rows, and responses matched by prompt text (row order for key 2785).</summary>
    private static (IReadOnlyList<EvalSample>, IReadOnlyList<JournalRecord>) OfficialIfEval(IEvaluator evaluator, string inputPath, string responsesPath, string model)
    {
        if (evaluator is not IfEvalEvaluator ifeval) throw new EvalInputException("--input-data is only for --eval ifeval");
        foreach (var path in new[] { inputPath, responsesPath })
        {
            if (!File.Exists(path)) throw new EvalInputException($"{path}: file not found");
        }
        var prompts = IfEvalFiles.ReadInput(inputPath);
        var matched = IfEvalScorer.MatchResponses(prompts, IfEvalFiles.ReadResponses(responsesPath));
        var samples = prompts.Select(p => ifeval.ToSample(p, 1024)).ToList();
        var records = samples.Select((s, i) => new JournalRecord { Model = model, Eval = evaluator.Name, Id = s.Id, Response = matched[i] ?? "" }).ToList();
        return (samples, records);
    }

    private static (IReadOnlyList<EvalSample>, IReadOnlyList<JournalRecord>) LoadInputs(IEvaluator evaluator, string? samplesPath, string responsesPath, string model)
    {
        if (samplesPath is null) throw new EvalInputException("--samples is required (a prompts JSONL written by `evalharness prompts`)");
        if (!File.Exists(samplesPath)) throw new EvalInputException($"{samplesPath}: file not found");
        if (!File.Exists(responsesPath)) throw new EvalInputException($"{responsesPath}: file not found");
        return (PromptsJsonl.Read(samplesPath, evaluator.Name), ReadResponses(responsesPath, evaluator.Name, model));
    }

    /// <summary>Reads {"id","response"} lines; a run journal's extra fields (model, eval, error_kind, timings) are kept.</summary>
    public static IReadOnlyList<JournalRecord> ReadResponses(string path, string eval, string defaultModel)
    {
        var records = new List<JournalRecord>();
        var seen = new Dictionary<(string Model, string Id), (int Line, bool Answered)>();
        var otherEvals = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (obj, lineNo) in JsonLines.ReadObjects(path))
        {
            JournalRecord record;
            try
            {
                record = obj.Deserialize<JournalRecord>() ?? new JournalRecord();
            }
            catch (JsonException ex)
            {
                throw new EvalInputException($"{path}:{lineNo}: {CliRunner.OneLine(ex.Message)}");
            }
            if (string.IsNullOrEmpty(record.Id)) throw new EvalInputException($"{path}:{lineNo}: field 'id' is missing");
            if (record.Response is null && record.ErrorKind.Length == 0) throw new EvalInputException($"{path}:{lineNo}: field 'response' is missing");
            if (record.Eval.Length > 0 && !string.Equals(record.Eval, eval, StringComparison.Ordinal))
            {
                otherEvals.Add(record.Eval); // other evals of a run journal
                continue;
            }
            if (record.Model.Length == 0) record.Model = defaultModel;
            // A run journal may hold an error and, after a resume, its retry; two answers for one id are ambiguous.
            var answered = record.ErrorKind.Length == 0;
            if (seen.TryGetValue((record.Model, record.Id), out var first) && first.Answered && answered)
                throw new EvalInputException($"{path}:{lineNo}: duplicate response id '{record.Id}' (model {record.Model}; first at line {first.Line})");
            seen[(record.Model, record.Id)] = (lineNo, answered || first.Answered);
            records.Add(record);
        }
        if (records.Count == 0 && otherEvals.Count > 0)
            throw new EvalInputException($"{path}: no responses for eval '{eval}' (the file holds {string.Join(", ", otherEvals)})");
        return records;
    }

    public static IReadOnlyList<SampleResult> Score(IEvaluator evaluator, IReadOnlyList<EvalSample> samples, IReadOnlyList<JournalRecord> responses)
    {
        var byId = new Dictionary<string, EvalSample>(StringComparer.Ordinal);
        foreach (var s in samples)
        {
            if (!byId.TryAdd(s.Id, s)) throw new EvalInputException($"sample id '{s.Id}' occurs twice in the samples");
        }
        var latest = new Dictionary<(string Model, string Id), JournalRecord>();
        var models = new List<string>();
        foreach (var r in responses)
        {
            if (!byId.ContainsKey(r.Id)) throw new EvalInputException($"response id '{r.Id}' (model {r.Model}) matches no sample");
            latest[(r.Model, r.Id)] = r; // a later line wins (a resumed run appends retries)
            if (!models.Contains(r.Model, StringComparer.Ordinal)) models.Add(r.Model);
        }
        var results = new List<SampleResult>();
        foreach (var m in models)
        {
            foreach (var s in samples)
            {
                if (latest.TryGetValue((m, s.Id), out var record)) results.Add(RunEngine.FromJournal(m, evaluator, s, record));
            }
        }
        return results;
    }
}
