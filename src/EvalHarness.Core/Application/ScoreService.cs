using System.Globalization;
using System.Text.Json;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.IfEval;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Running;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.Application;

/// <summary>
/// <c>score</c>: recorded responses scored without calling a model. Either <see cref="Samples"/> (a prompts JSONL from
/// <c>prompts</c>) with <see cref="Responses"/> as <c>{"id","response"}</c> lines (a run's responses.jsonl works), or,
/// for IFEval, Google's <see cref="InputData"/> with its <c>{"prompt","response"}</c> file.
/// </summary>
public sealed record ScoreRequest
{
    public required string Eval { get; init; }

    public string? Samples { get; init; }

    public required string Responses { get; init; }

    public string? InputData { get; init; }

    /// <summary>Output folder (default: results/score-&lt;time&gt;); must not hold a run.</summary>
    public string? Out { get; init; }

    /// <summary>Model label for lines without a "model" field.</summary>
    public string Model { get; init; } = "recorded";

    /// <summary><c>-o [eval.]key=value</c> items.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];
}

public sealed record ScoreResult(string OutDirectory, IReadOnlyList<SampleResult> Results, IReadOnlyList<SummaryRow> Summary);

/// <summary>Re-scoring: read inputs, score each (model, sample) once, write samples.csv and summary.csv.</summary>
public static class ScoreService
{
    public static ScoreResult Score(ScoreRequest request)
    {
        var registration = EvaluatorRegistry.Find(request.Eval);
        EvalOptionLayers.Validate(request.Options, [registration.Name]);
        var evaluator = registration.Create(EvalOptionLayers.Merge(registration.Name, [], request.Options));
        var outDir = request.Out ?? Path.Combine("results", "score-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        // Never overwrite another run's (or score's) CSVs; a file or unwritable folder is bad input, not a crash.
        OutputFolder.EnsureNewAndWritable(outDir, "--out");
        var runId = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir)));
        var (samples, responses) = request.InputData is { } official
            ? OfficialIfEval(evaluator, official, request.Responses, request.Model)
            : LoadInputs(evaluator, request.Samples, request.Responses, request.Model);
        var results = Score(evaluator, samples, responses);
        Directory.CreateDirectory(outDir);
        SamplesCsv.WriteRun(outDir, runId, results, [registration]);
        var summary = Summary.Build(results, published: PublishedResults.Load(PublishedResults.DefaultDirectory));
        Summary.Write(Path.Combine(outDir, "summary.csv"), runId, summary);
        return new ScoreResult(outDir, results, summary);
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
                throw new EvalInputException($"{path}:{lineNo}: {ex.Message.ReplaceLineEndings(" ").Trim()}");
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

    /// <summary>One result per (model, sample) that has a response; a later line wins (a resumed run appends retries).</summary>
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
            latest[(r.Model, r.Id)] = r;
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
