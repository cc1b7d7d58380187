using System.Globalization;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.Tests.Reporting.Comparison;

/// <summary>Writes small synthetic samples.csv files (the run-folder contract's columns) into a temporary folder.</summary>
internal sealed class SamplesCsvBuilder : IDisposable
{
    private static readonly string[] Header =
    [
        "run_id", "model", "eval", "sample_id", "group", "score", "passed", "error_kind", "error_message", "prompt_tokens",
        "cached_tokens", "completion_tokens", "reasoning_tokens", "ttft_ms", "latency_ms", "cluster",
    ];

    public string Root { get; } = Directory.CreateTempSubdirectory("compare-tests-").FullName;

    public sealed record Row(string RunId, string Model, string Eval, string SampleId, string Group, double? Score,
        string ErrorKind = "", long? Prompt = 1000, long? Cached = 0, long? Completion = 10, double? Ttft = 100, double? Latency = 200, string Cluster = "");

    public string Write(string runFolder, IEnumerable<Row> rows)
    {
        var dir = Path.Combine(Root, runFolder);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "samples.csv");
        CsvTable.Write(path, Header, rows.Select(r => new[]
        {
            r.RunId, r.Model, r.Eval, r.SampleId, r.Group, Num(r.Score), r.Score is null ? "" : r.Score == 1 ? "true" : "false",
            r.ErrorKind, r.ErrorKind.Length > 0 ? "failed" : "", Num(r.Prompt), Num(r.Cached), Num(r.Completion), "",
            Num(r.Ttft), Num(r.Latency), r.Cluster,
        }));
        return dir;
    }

    private static string Num(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Num(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
