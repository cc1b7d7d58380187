using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators.Graphwalks;
using EvalHarness.Core.Evaluators.IfEval;
using EvalHarness.Core.Evaluators.Mrcr;
using EvalHarness.Core.Evaluators.Niah;

namespace EvalHarness.Core.Evaluators;

/// <summary>
/// One registered evaluator: how to create it from its options, and what it adds to the run manifest
/// (dataset files with sha256, text-model modes).
/// </summary>
public sealed record EvaluatorRegistration(
    string Name,
    Func<IReadOnlyDictionary<string, string>, IEvaluator> Create,
    Func<IEvaluator, EvalRequest, CancellationToken, Task<JsonObject>>? Describe = null,
    Func<IReadOnlyList<Running.SampleResult>, IEnumerable<Reporting.SummaryGroup>>? SummaryGroups = null);

/// <summary>Adding an evaluator = one folder + one entry here.</summary>
public static class EvaluatorRegistry
{
    private static readonly IReadOnlyList<EvaluatorRegistration> Registrations =
    [
        new("niah", _ => new NiahEvaluator()),
        new("mrcr", _ => new MrcrEvaluator(), DescribeMrcrAsync),
        new("graphwalks", _ => new GraphwalksEvaluator(), DescribeGraphwalks),
        new("ifeval", o => new IfEvalEvaluator(IfEvalOptions.From(o)), DescribeIfEval, IfEvalSummaryGroups.Build),
    ];

    public static IReadOnlyList<string> Names => Registrations.Select(r => r.Name).ToList();

    /// <summary>The registered name for a user-typed one (case-insensitive).</summary>
    public static EvaluatorRegistration Find(string name) =>
        Registrations.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new EvalInputException($"unknown eval '{name}' (known: {string.Join(", ", Names)})");

    public static IEvaluator Create(string name, IReadOnlyDictionary<string, string>? options = null) =>
        Find(name).Create(options ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    /// <summary>Extra summary rows an evaluator defines for one model's results (none for most).</summary>
    public static IEnumerable<Reporting.SummaryGroup> SummaryGroups(string eval, IReadOnlyList<Running.SampleResult> results) =>
        Registrations.FirstOrDefault(r => r.Name == eval)?.SummaryGroups?.Invoke(results) ?? [];

    /// <summary>Manifest details for an eval after its samples were loaded (empty object when none).</summary>
    public static Task<JsonObject> DescribeAsync(IEvaluator evaluator, EvalRequest request, CancellationToken ct) =>
        Registrations.FirstOrDefault(r => r.Name == evaluator.Name)?.Describe?.Invoke(evaluator, request, ct) ?? Task.FromResult(new JsonObject());

    private static async Task<JsonObject> DescribeMrcrAsync(IEvaluator evaluator, EvalRequest request, CancellationToken ct)
    {
        var source = await MrcrEvaluator.DescribeSourceAsync(request, ct).ConfigureAwait(false);
        if (source is null) return new JsonObject { ["source"] = "generated" };
        var files = new JsonArray();
        foreach (var f in source.Files)
        {
            files.Add(new JsonObject { ["path"] = f.Path, ["version"] = f.Version, ["sha256"] = f.Sha256, ["bytes"] = f.Bytes });
        }
        return new JsonObject { ["source"] = source.Path, ["dataset_version"] = source.Version, ["files"] = files };
    }

    private static Task<JsonObject> DescribeGraphwalks(IEvaluator evaluator, EvalRequest request, CancellationToken ct)
    {
        var g = (GraphwalksEvaluator)evaluator;
        if (g.Sources.Count == 0) return Task.FromResult(new JsonObject { ["source"] = "generated" });
        var files = new JsonArray();
        foreach (var f in g.Sources)
        {
            files.Add(new JsonObject { ["path"] = f.Path, ["split"] = f.Split, ["sha256"] = f.Sha256, ["bytes"] = f.Bytes });
        }
        return Task.FromResult(new JsonObject { ["source"] = "official", ["files"] = files });
    }

    private static Task<JsonObject> DescribeIfEval(IEvaluator evaluator, EvalRequest request, CancellationToken ct)
    {
        var e = (IfEvalEvaluator)evaluator;
        return Task.FromResult(new JsonObject
        {
            ["source"] = request.GetString("source") ?? IfEvalEvaluator.BuiltinSource,
            ["sentence_splitter"] = e.SentenceSplitterMode,
            ["language_detector"] = e.LanguageDetectorMode,
        });
    }
}
