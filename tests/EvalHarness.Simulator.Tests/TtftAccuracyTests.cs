using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace EvalHarness.Simulator.Tests;

public sealed class TtftAccuracyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Measured_time_to_first_content_matches_the_injected_ttft()
    {
        // 5 ms + 2 us per prompt token (prompts of 1-4k tokens add 2-8 ms). A slow decode (5 ms per token) makes a
        // missing flush after the first content chunk visible: that chunk would then arrive with the next one.
        var options = new SimulatorOptions { Latency = new LatencyProfile { BaseTtftMs = 5, PerPromptTokenMicroseconds = 2, TokensPerSecond = 200 } };
        await using var server = await SimulatorServer.StartAsync(options, ct: Ct);
        using var client = SimHttp.CreateClient(server);
        var prompts = Enumerable.Range(0, 4).Select(k => string.Join(' ', Enumerable.Repeat("lorem ipsum dolor", 300 * (k + 1)))).ToArray();
        for (var i = 0; i < 10; i++) await MeasureAsync(client, prompts[i % prompts.Length]); // warm-up: JIT, connections

        const int n = 200;
        var errors = new double[n];
        await Parallel.ForAsync(0, n, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (i, _) =>
        {
            var (measured, injected) = await MeasureAsync(client, prompts[i % prompts.Length]);
            errors[i] = measured - injected;
        });

        Array.Sort(errors);
        var p50 = errors[n / 2];
        var p99 = errors[(int)Math.Ceiling(n * 0.99) - 1];
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"TTFT error over {n} requests (measured - injected): min {errors[0]:F3} ms, p50 {p50:F3} ms, p99 {p99:F3} ms, max {errors[^1]:F3} ms"));

        // The client's clock starts before the server's, so the first content can never be early. How close it lands
        // is a measurement, not a test verdict: see the ttft-accuracy benchmark (PERF.md), which CI also prints.
        Assert.True(errors[0] >= 0, $"content arrived {-errors[0]:F3} ms before the injected TTFT");
        // Each first content chunk is flushed on its own: a missing flush would make it wait for the next chunk
        // (5 ms at 200 tokens/s) on every request, so at least half the requests must beat that.
        Assert.True(p50 < 5.0 || MedianIsLoadBound(), $"p50 TTFT error {p50:F3} ms: is the first content chunk flushed?");
    }

    /// <summary>On a machine whose run queue exceeds its cores, wake-ups are late by whole scheduler slices.</summary>
    private static bool MedianIsLoadBound()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture) > Environment.ProcessorCount;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Time from sending the request to the first chunk with non-empty content, and the injected TTFT.</summary>
    private static async Task<(double MeasuredMs, double InjectedMs)> MeasureAsync(HttpClient client, string prompt)
    {
        var body = SimHttp.ChatBody("sim-echo", prompt, stream: true, includeUsage: true, maxCompletionTokens: 4);
        var start = Stopwatch.GetTimestamp();
        using var response = await SimHttp.PostChatAsync(client, body, Ct);
        response.EnsureSuccessStatusCode();
        var injected = double.Parse(response.Headers.GetValues("x-sim-ttft-ms").Single(), CultureInfo.InvariantCulture);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        double? measured = null;
        while (await reader.ReadLineAsync(Ct) is { } line)
        {
            if (measured is null && line.StartsWith("data: {", StringComparison.Ordinal) && HasContent(line.AsSpan(6)))
            {
                measured = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        return (measured ?? throw new InvalidOperationException("no content chunk"), injected);
    }

    private static bool HasContent(ReadOnlySpan<char> json)
    {
        var choices = JsonDocument.Parse(json.ToString()).RootElement.GetProperty("choices");
        return choices.GetArrayLength() > 0
            && choices[0].GetProperty("delta").TryGetProperty("content", out var content)
            && content.GetString() is { Length: > 0 };
    }
}
