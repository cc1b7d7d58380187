using System.Globalization;
using EvalHarness.Core.Reporting;
using EvalHarness.Simulator;

namespace EvalHarness.Benchmarks.Engine;

/// <summary>
/// `dotnet run -c Release --project tests/EvalHarness.Benchmarks -- ttft-accuracy`: measured ttft_ms (the engine's
/// number) minus the TTFT the simulator injected (base + per-token cost x prompt_tokens), over prompts of 0-27K words.
/// Optional second argument: concurrency (default 4). The simulator runs in the same process, so at higher concurrency
/// its work on other requests (tokenising 27K-token prompts) competes with the client for the same cores.
/// </summary>
internal static class TtftAccuracy
{
    public static async Task<int> RunAsync(int concurrency)
    {
        var latency = new LatencyProfile { BaseTtftMs = 40, PerPromptTokenMicroseconds = 20, TokensPerSecond = 1000 };
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = latency });
        // Warm-up: JIT, connection pool, tokenizer.
        await EngineHarness.RunAsync(server, new EchoEvaluator(20, 300), 4);
        var outcome = await EngineHarness.RunAsync(server, new EchoEvaluator(400, 3000), concurrency);
        Console.WriteLine($"concurrency={concurrency}");
        var errors = new List<double>();
        var bySize = new SortedDictionary<int, List<double>>();
        foreach (var r in outcome.Results)
        {
            if (r.IsError || r.TtftMs is null || r.Usage?.PromptTokens is null) throw new InvalidOperationException($"sample {r.SampleId} has no TTFT");
            var injected = latency.TimeToFirstToken(r.Usage.PromptTokens.Value).TotalMilliseconds;
            errors.Add(r.TtftMs.Value - injected);
            var bucket = r.Usage.PromptTokens.Value / 5000 * 5000;
            if (!bySize.TryGetValue(bucket, out var list)) bySize[bucket] = list = [];
            list.Add(r.TtftMs.Value - injected);
        }
        var abs = errors.Select(Math.Abs).ToList();
        string F(double? v) => v?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-";
        Console.WriteLine($"samples={errors.Count} prompt_tokens={outcome.Results.Min(r => r.Usage!.PromptTokens)}..{outcome.Results.Max(r => r.Usage!.PromptTokens)}");
        Console.WriteLine($"ttft error ms (measured - injected): p50={F(Statistics.Percentile(errors, 50))} p99={F(Statistics.Percentile(errors, 99))} min={F(errors.Min())} max={F(errors.Max())}");
        Console.WriteLine($"|error| ms: p50={F(Statistics.Percentile(abs, 50))} p99={F(Statistics.Percentile(abs, 99))}");
        foreach (var (bucket, list) in bySize)
        {
            Console.WriteLine($"  prompt tokens {bucket}+: n={list.Count} p50={F(Statistics.Percentile(list, 50))} p99={F(Statistics.Percentile(list, 99))}");
        }
        return 0;
    }
}
