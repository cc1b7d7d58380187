using System.Text.Json;
using BenchmarkDotNet.Attributes;
using EvalHarness.Core.Text;

namespace EvalHarness.Benchmarks;

/// <summary>
/// difflib ratio on the golden table's benchmark pairs (MRCR-sized 2-8K character pairs and two 20K+ pairs), the same
/// pairs python/difflib_bench.py times under CPython. Construction is included, as in the Python timing, whose
/// best-of-5 figure compares with the Min column.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class SequenceMatcherBenchmarks
{
    [ParamsSource(nameof(Pairs))]
    public BenchPair Pair { get; set; } = null!;

    public static IEnumerable<BenchPair> Pairs() => BenchPair.Load();

    // The grading path: the static Ratio reuses a per-thread matcher.
    [Benchmark]
    public double Ratio() => SequenceMatcher.Ratio(Pair.A, Pair.B, Pair.Autojunk);
}

/// <summary>One row of golden_ratio.jsonl; the name BenchmarkDotNet shows is its id and lengths.</summary>
public sealed record BenchPair(int Id, string A, string B, bool Autojunk)
{
    internal static IReadOnlyList<BenchPair> Load()
    {
        var path = Path.Combine(FindRepoRoot(), "tests", "EvalHarness.Core.Tests", "Text", "difflib", "golden_ratio.jsonl");
        var pairs = new List<BenchPair>();
        foreach (var line in File.ReadLines(path))
        {
            var row = JsonDocument.Parse(line).RootElement;
            if (!row.GetProperty("bench").GetBoolean()) continue;
            pairs.Add(new BenchPair(
                row.GetProperty("id").GetInt32(),
                row.GetProperty("a").GetString()!,
                row.GetProperty("b").GetString()!,
                row.GetProperty("autojunk").GetBoolean()));
        }

        return pairs;
    }

    public override string ToString() => $"#{Id} {CodePoints.Count(A)}/{CodePoints.Count(B)}";

    // BenchmarkDotNet runs from a generated folder under bin/, so walk up to the solution.
    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EvalHarness.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("EvalHarness.sln not found above " + AppContext.BaseDirectory);
    }
}
