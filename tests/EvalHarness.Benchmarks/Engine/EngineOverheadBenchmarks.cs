using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EvalHarness.Simulator;

namespace EvalHarness.Benchmarks.Engine;

/// <summary>
/// The harness's own cost per request against a zero-latency simulator: the full engine path (OpenAI SDK streaming,
/// retry wrapper, journal append + flush, scoring, CSV and manifest writes) versus a bare HttpClient streaming the same
/// request and reading the body. Both go over real loopback HTTP to the same server.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class EngineOverheadBenchmarks
{
    private const int Requests = 1000;
    private SimulatorServer _server = null!;
    private HttpClient _http = null!;

    [Params(1, 64)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }).GetAwaiter().GetResult();
        _http = new HttpClient { BaseAddress = new Uri(_server.BaseUrl + "/") };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Requests)]
    public async Task RawHttpStreaming()
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, ct) =>
        {
            var body = $$"""{"model":"sim-oracle","stream":true,"stream_options":{"include_usage":true},"max_completion_tokens":16,"messages":[{"role":"user","content":"Say hello number {{i}}"}]}""";
            using var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "bench");
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsStringAsync(ct);
        });
    }

    [Benchmark(OperationsPerInvoke = Requests)]
    public async Task Engine()
    {
        var outcome = await EngineHarness.RunAsync(_server, new EchoEvaluator(Requests), Concurrency);
        if (outcome.Results.Count != Requests || outcome.Results.Any(r => r.IsError)) throw new InvalidOperationException("engine run incomplete");
    }
}
