using BenchmarkDotNet.Attributes;
using EvalHarness.Core.Evaluators.Mrcr;
using EvalHarness.Core.Evaluators.Mrcr.Generation;
using EvalHarness.Core.Text;

namespace EvalHarness.Benchmarks;

/// <summary>
/// Building one ~1M-token MRCR conversation (largest card bin) against one o200k count of the same text.
/// Target: the build is no slower than the count, i.e. sizing costs about one tokenizer pass.
/// Run: dotnet run -c Release --project tests/EvalHarness.Benchmarks -- --filter '*MrcrPromptBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class MrcrPromptBenchmarks
{
    private readonly MrcrConversationGenerator _generator = new();
    private string _text = "";
    private int _seed;

    [GlobalSetup]
    public void Setup()
    {
        var c = _generator.Generate(12345, 2, MrcrBin.All[7]);
        _text = string.Concat(c.Messages.Select(m => m.Content)) + c.Answer;
        O200kTokenizer.Shared.CountTokens("warm up");
    }

    [Benchmark(Baseline = true)]
    public int CountTokensOnce() => O200kTokenizer.Shared.CountTokens(_text);

    [Benchmark]
    public int Build1MConversation() => _generator.Generate((ulong)Interlocked.Increment(ref _seed), 2, MrcrBin.All[7]).ContextTokens;
}
