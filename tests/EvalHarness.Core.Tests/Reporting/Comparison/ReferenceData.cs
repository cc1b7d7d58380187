using System.Text.Json.Nodes;
using EvalHarness.TestSupport;

namespace EvalHarness.Core.Tests.Reporting.Comparison;

/// <summary>reference_stats.json, written by make_reference.py (plain Python, independent of MathNet).</summary>
internal static class ReferenceData
{
    private static readonly Lazy<JsonObject> Root = new(() =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(
            SharedData.RepoRoot, "tests", "EvalHarness.Core.Tests", "Reporting", "Comparison", "reference_stats.json")))!);

    public static JsonObject Json => Root.Value;

    public static double[] Doubles(JsonNode? node) => node!.AsArray().Select(v => v!.GetValue<double>()).ToArray();

    public static string[] Strings(JsonNode? node) => node!.AsArray().Select(v => v!.GetValue<string>()).ToArray();

    public static double D(JsonNode? node, string key) => node![key]!.GetValue<double>();
}
