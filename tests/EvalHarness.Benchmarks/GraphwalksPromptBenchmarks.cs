using BenchmarkDotNet.Attributes;
using EvalHarness.Core.Evaluators.Graphwalks;
using EvalHarness.Core.Text;

namespace EvalHarness.Benchmarks;

/// <summary>
/// Building one ~1M-token Graphwalks prompt (a fresh generator: md5 ids, per-id costs, N search, render, answer) against
/// one o200k counting pass over the same text. Run:
/// <c>dotnet run -c Release --project tests/EvalHarness.Benchmarks -- --filter '*GraphwalksPrompt*' --job short --iterationCount 10</c>
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
public class GraphwalksPromptBenchmarks
{
    private string _prompt = "";

    [Params(1, 4)]
    public int OutDegree { get; set; }

    private GraphwalksGraphSpec Spec => new("bfs", 900_000, 1_000_000, OutDegree, 2, GraphwalksPromptVersion.Fixed, 42);

    [GlobalSetup]
    public void Setup() => _prompt = new GraphwalksGenerator(O200kTokenizer.Shared).Generate(Spec).Prompt;

    [Benchmark(Baseline = true)]
    public int CountTokensPass() => O200kTokenizer.Shared.CountTokens(_prompt);

    [Benchmark]
    public int BuildFromExactEstimate() => new GraphwalksGenerator(O200kTokenizer.Shared) { VerifyWithFullCount = false }.Generate(Spec).PromptTokens;

    [Benchmark]
    public int BuildAndVerifyWithOneFullCount() => new GraphwalksGenerator(O200kTokenizer.Shared).Generate(Spec).PromptTokens;
}
