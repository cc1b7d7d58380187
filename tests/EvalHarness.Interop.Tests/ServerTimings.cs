using System.Globalization;
using System.Text.RegularExpressions;

namespace EvalHarness.Interop.Tests;

/// <summary>One request as llama-server timed it (its log's <c>print_timing</c> block, the same figures as the
/// <c>timings</c> object of its responses): prompt processing, then token generation.</summary>
internal sealed partial record ServerTiming(double PromptMs, int PromptTokens, double PredictedMs, int PredictedTokens)
{
    public double PredictedPerSecond => PredictedTokens * 1000.0 / PredictedMs;

    /// <summary>The timings in the order the server finished the requests.</summary>
    public static IReadOnlyList<ServerTiming> Parse(string log)
    {
        var prompts = PromptLine().Matches(log);
        var evals = EvalLine().Matches(log);
        Assert.Equal(prompts.Count, evals.Count);
        return prompts.Zip(evals, (p, e) => new ServerTiming(
            double.Parse(p.Groups["ms"].Value, CultureInfo.InvariantCulture), int.Parse(p.Groups["n"].Value, CultureInfo.InvariantCulture),
            double.Parse(e.Groups["ms"].Value, CultureInfo.InvariantCulture), int.Parse(e.Groups["n"].Value, CultureInfo.InvariantCulture))).ToList();
    }

    [GeneratedRegex(@"prompt eval time =\s*(?<ms>[0-9.]+) ms /\s*(?<n>[0-9]+) tokens")]
    private static partial Regex PromptLine();

    [GeneratedRegex(@"(?<!prompt )eval time =\s*(?<ms>[0-9.]+) ms /\s*(?<n>[0-9]+) tokens")]
    private static partial Regex EvalLine();
}
