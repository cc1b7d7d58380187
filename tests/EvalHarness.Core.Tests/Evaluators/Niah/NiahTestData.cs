using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Niah;

namespace EvalHarness.Core.Tests.Evaluators.Niah;

internal static class NiahTestData
{
    public static EvalRequest Request(int seed = 42, params (string Key, string Value)[] options)
    {
        var dict = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in options) dict[k] = v;
        return new EvalRequest { Seed = seed, Options = dict };
    }

    public static async Task<List<EvalSample>> Samples(EvalRequest request)
    {
        var list = new List<EvalSample>();
        await foreach (var s in new NiahEvaluator().GetSamples(request, TestContext.Current.CancellationToken)) list.Add(s);
        return list;
    }

    private static readonly Lazy<List<EvalSample>> SmokeLazy = new(() => Samples(Request()).GetAwaiter().GetResult());

    /// <summary>The default (smoke) grid with seed 42, built once per test run.</summary>
    public static List<EvalSample> Smoke => SmokeLazy.Value;

    public static int Int(EvalSample s, string label) => (int)s.Labels[label]!;

    public static double Double(EvalSample s, string label) => (double)s.Labels[label]!;
}
