using BenchmarkDotNet.Attributes;
using EvalHarness.Core.Evaluators.IfEval;

namespace EvalHarness.Benchmarks;

/// <summary>
/// Scores Google's 541 GPT-4 IFEval responses in strict and loose mode (matching, building and all checks), the
/// work the Python reference does in about 1.8 s. Needs ../shared/ifeval (or EVALHARNESS_SHARED); the
/// <c>Reference</c> case also needs ../shared/nltk_data and ../shared/langdetect/profiles.
/// Run: <c>dotnet run -c Release --project tests/EvalHarness.Benchmarks -- --filter '*IfEvalScoring*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class IfEvalScoringBenchmarks
{
    private IReadOnlyList<IfEvalPrompt> inputs = [];
    private IReadOnlyList<IfEvalResponseRow> responses = [];
    private IfEvalScorer scorer = null!;

    /// <summary><c>reference</c> / <c>builtin</c> text tools, or <c>stub</c> (constant answers) to isolate the checkers' own cost.</summary>
    [Params("reference", "builtin", "stub")]
    public string Tools { get; set; } = "reference";

    [GlobalSetup]
    public void Setup()
    {
        var shared = SharedFolder();
        inputs = IfEvalFiles.ReadInput(Path.Combine(shared, "ifeval", "input_data.jsonl"));
        responses = IfEvalFiles.ReadResponses(Path.Combine(shared, "ifeval", "responses", "gpt4_20231107.jsonl"));
        IIfEvalTools tools = Tools switch
        {
            "reference" => IfEvalTools.Locate(Path.Combine(shared, "nltk_data"), Path.Combine(shared, "langdetect", "profiles")),
            "builtin" => IfEvalTools.Builtin(),
            _ => new StubTools(),
        };
        scorer = new IfEvalScorer(tools);
        var metrics = IfEvalMetrics.From(scorer.ScoreResponses(inputs, responses));
        Console.WriteLine($"// {Tools}: prompt strict {metrics.PromptStrict.Passed}/541, loose {metrics.PromptLoose.Passed}/541");
    }

    [Benchmark]
    public int ScoreGpt4StrictAndLoose()
    {
        int passed = 0;
        foreach (var r in scorer.ScoreResponses(inputs, responses)) passed += r.PromptLoose ? 1 : 0;
        return passed;
    }

    private sealed class StubTools : IIfEvalTools
    {
        public int CountSentences(string text) => 10;

        public IReadOnlyList<string> WordTokenize(string text) => [];

        public bool TryDetectLanguage(string text, out string language)
        {
            language = "en";
            return true;
        }
    }

    private static string SharedFolder()
    {
        var env = Environment.GetEnvironmentVariable("EVALHARNESS_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EvalHarness.sln"))) return Path.Combine(dir.FullName, "..", "shared");
        }
        throw new InvalidOperationException("cannot find ../shared; set EVALHARNESS_SHARED");
    }
}
