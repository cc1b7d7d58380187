using System.Globalization;
using System.Text.Json;
using EvalHarness.Core.Text;
using EvalHarness.TestSupport;

namespace EvalHarness.Core.Tests.Text;

/// <summary>
/// Every case in difflib/golden_ratio.jsonl (written by CPython 3.11 via difflib/generate_golden.py) must give the
/// same matching blocks and a bit-identical ratio.
/// </summary>
public sealed class SequenceMatcherGoldenTests
{
    internal sealed record GoldenCase(int Id, string Kind, bool Autojunk, bool Bench, string Ratio, int[][] MatchingBlocks, int[] Longest, string A, string B);

    internal static string GoldenPath { get; } =
        Path.Combine(SharedData.RepoRoot, "tests", "EvalHarness.Core.Tests", "Text", "difflib", "golden_ratio.jsonl");

    private static readonly Lazy<IReadOnlyList<GoldenCase>> Cases = new(() =>
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        return [.. File.ReadLines(GoldenPath).Select(line => JsonSerializer.Deserialize<GoldenCase>(line, options)!)];
    });

    internal static IReadOnlyList<GoldenCase> Load() => Cases.Value;

    [Fact]
    public void EveryGoldenCaseMatchesCPython()
    {
        var cases = Load();
        Assert.True(cases.Count >= 600, $"only {cases.Count} golden cases");
        var failures = new List<string>();
        foreach (var c in cases)
        {
            var matcher = new SequenceMatcher(c.A, c.B, c.Autojunk);
            var expectedRatio = double.Parse(c.Ratio, NumberStyles.Float, CultureInfo.InvariantCulture);
            var ratio = matcher.Ratio();
            if (BitConverter.DoubleToInt64Bits(ratio) != BitConverter.DoubleToInt64Bits(expectedRatio))
            {
                failures.Add($"#{c.Id} {c.Kind}: ratio {ratio.ToString("R", CultureInfo.InvariantCulture)} != {c.Ratio}");
            }

            var staticRatio = SequenceMatcher.Ratio(c.A, c.B, c.Autojunk);
            if (BitConverter.DoubleToInt64Bits(staticRatio) != BitConverter.DoubleToInt64Bits(expectedRatio))
            {
                failures.Add($"#{c.Id} {c.Kind}: static ratio {staticRatio.ToString("R", CultureInfo.InvariantCulture)} != {c.Ratio}");
            }

            var expectedBlocks = c.MatchingBlocks.Select(m => new SequenceMatch(m[0], m[1], m[2])).ToArray();
            if (!expectedBlocks.SequenceEqual(matcher.GetMatchingBlocks())) failures.Add($"#{c.Id} {c.Kind}: matching blocks differ");

            // A sub-range search before and after the blocks, so state kept between searches cannot leak into results.
            var (alo, ahi, blo, bhi) = (c.Longest[0], c.Longest[1], c.Longest[2], c.Longest[3]);
            var expectedLongest = new SequenceMatch(c.Longest[4], c.Longest[5], c.Longest[6]);
            var searcher = new SequenceMatcher(c.A, c.B, c.Autojunk);
            if (searcher.FindLongestMatch(alo, ahi, blo, bhi) != expectedLongest) failures.Add($"#{c.Id} {c.Kind}: first longest match differs");
            if (!expectedBlocks.SequenceEqual(searcher.GetMatchingBlocks())) failures.Add($"#{c.Id} {c.Kind}: blocks after a search differ");
            if (searcher.FindLongestMatch(alo, ahi, blo, bhi) != expectedLongest) failures.Add($"#{c.Id} {c.Kind}: later longest match differs");

            // The row-by-row search that replaces MatchRuns on huge inputs must agree too.
            var rowByRow = new SequenceMatcher(c.A, c.B, c.Autojunk) { MaxMatchRunPairs = 0 };
            if (rowByRow.FindLongestMatch(alo, ahi, blo, bhi) != expectedLongest) failures.Add($"#{c.Id} {c.Kind}: row-by-row longest match differs");
            if (!expectedBlocks.SequenceEqual(rowByRow.GetMatchingBlocks())) failures.Add($"#{c.Id} {c.Kind}: row-by-row blocks differ");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases differ:\n{string.Join('\n', failures.Take(20))}");
    }

    [Fact]
    public void GoldenFileCoversTheRequiredShapes()
    {
        var cases = Load();
        Assert.Contains(cases, c => c.A.Length == 0 && c.B.Length == 0);
        Assert.Contains(cases, c => Math.Max(c.A.Length, c.B.Length) >= 20000);
        Assert.Contains(cases, c => c.A.EnumerateRunes().Any(r => r.IsBmp is false));
        Assert.Contains(cases, c => !c.Autojunk);
        Assert.Contains(cases, c => c.Bench);
    }
}
