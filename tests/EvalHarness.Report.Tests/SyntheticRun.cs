using System.Globalization;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Files;

namespace EvalHarness.Report.Tests;

/// <summary>A small old-layout run folder (one samples.csv) written with the real CSV writer: NIAH, MRCR and Graphwalks rows for two models.</summary>
internal static class SyntheticRun
{
    public static readonly int[] Lengths = [16000, 1000, 4000]; // written out of order on purpose
    public static readonly int[] Depths = [100, 0, 25, 50];
    public static readonly string[] Models = ["model-a", "model-b"];

    private static readonly string[] Header =
    [
        "run_id", "model", "eval", "sample_id", "group", "score", "passed", "error_kind", "error_message", "prompt_tokens", "cached_tokens",
        "completion_tokens", "reasoning_tokens", "ttft_ms", "latency_ms", "output_tokens_per_s", "attempts", "started_utc", "cost_usd",
        "context_tokens_target", "depth_percent_target", "n_needles", "bin", "bin_hi", "problem_type",
    ];

    /// <summary>NIAH score of a cell: model-a 1 everywhere except 0.5 at (depth 25, 4000); model-b 0 at depth 0.</summary>
    public static double NiahScore(string model, int length, int depth) =>
        model == "model-a" ? (depth == 25 && length == 4000 ? 0.5 : 1.0) : depth == 0 ? 0.0 : 0.75;

    public static string Write(string? model = null, string? runId = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "evalharness-tests", "report-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var rows = new List<string[]>();
        var k = 0;
        foreach (var m in model is null ? Models : [model])
        {
            foreach (var length in Lengths)
            {
                foreach (var depth in Depths)
                {
                    // Two samples per cell whose mean is the cell's score.
                    var s = NiahScore(m, length, depth);
                    rows.Add(Row(runId, m, "niah", $"ctx={length};depth={depth};i=0", $"ctx={length};depth={depth}", s, length, 100 + length / 100.0, niah: (length, depth)));
                    rows.Add(Row(runId, m, "niah", $"ctx={length};depth={depth};i=1", $"ctx={length};depth={depth}", s, length, 101 + length / 100.0, niah: (length, depth)));
                }
            }
            foreach (var n in new[] { 8, 2 })
            {
                foreach (var bin in new[] { "8192-16384", "4096-8192" })
                    rows.Add(Row(runId, m, "mrcr", $"mrcr-{n}-{bin}-{k++}", $"n={n};bin={bin}", n == 2 ? 0.9 : 0.4, 6000, 80, mrcr: (n, bin)));
            }
            foreach (var type in new[] { "parents", "bfs" })
                rows.Add(Row(runId, m, "graphwalks", $"gw-{type}-{k++}", $"{type};bin=2000", type == "bfs" ? 0.8 : 0.6, 2000, 90, problemType: type));
            // An errored sample: no score, counted apart.
            rows.Add([runId ?? "", m, "mrcr", $"mrcr-err-{k++}", "n=2;bin=4096-8192", "", "", "timeout", "took too long", "", "", "", "", "", "", "", "3", "", "", "", "", "2", "4096-8192", "8192", ""]);
        }
        CsvTable.Write(Path.Combine(dir, "samples.csv"), Header, rows);
        return dir;
    }

    private static string[] Row(string? runId, string model, string eval, string id, string group, double score, int promptTokens, double ttft,
        (int Length, int Depth)? niah = null, (int N, string Bin)? mrcr = null, string? problemType = null) =>
    [
        runId ?? "", model, eval, id, group, F(score), score >= 0.5 ? "true" : "false", "", "", promptTokens.ToString(CultureInfo.InvariantCulture), "0",
        "20", "0", F(ttft), F(ttft + 50), "100.0", "1", "2026-01-01T00:00:00.000Z", "",
        niah?.Length.ToString(CultureInfo.InvariantCulture) ?? "", niah?.Depth.ToString(CultureInfo.InvariantCulture) ?? "",
        mrcr?.N.ToString(CultureInfo.InvariantCulture) ?? "", mrcr?.Bin ?? (problemType is null ? "" : "2000"), mrcr?.Bin.Split('-')[1] ?? "", problemType ?? "",
    ];

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
