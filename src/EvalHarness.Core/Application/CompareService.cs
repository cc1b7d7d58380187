using System.Globalization;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting.Comparison;
using EvalHarness.Core.Reporting.Gate;
using EvalHarness.Core.RunFolders;
using Microsoft.Extensions.Configuration;

namespace EvalHarness.Core.Application;

/// <summary><c>compare</c>: run folders or samples.csv files; with <see cref="Gate"/>, BASELINE_RUN CANDIDATE_RUN also gated.</summary>
public sealed record CompareRequest
{
    public required IReadOnlyList<string> Inputs { get; init; }

    public ComparisonOptions Options { get; init; } = new();

    /// <summary>Output folder for compare.csv and compare.md (default: results/compare-&lt;time&gt;).</summary>
    public string? Out { get; init; }

    public bool Gate { get; init; }
}

public sealed record CompareResult(ComparisonReport Report, string OutDirectory, GateReport? Gate);

/// <summary>Reads every input once; the comparison and (with --gate) the gate both work on those rows.</summary>
public static class CompareService
{
    public static CompareResult Compare(CompareRequest request, IConfiguration config)
    {
        var paths = request.Inputs;
        if (request.Gate && (paths.Count != 2 || !paths.All(Directory.Exists) || request.Options.Baseline is not null))
            throw new EvalInputException("compare --gate: give two run folders, the baseline run then the candidate run (and no --baseline)");
        var folders = paths.Select(RunFolderReader.Read).ToList();
        var report = ComparisonEngine.Compare(folders, request.Options);
        var outDir = request.Out ?? Path.Combine("results", "compare-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(outDir);
        GateReport? gate = null;
        if (request.Gate)
        {
            // The same gate as `gate CANDIDATE --baseline BASELINE --out <this folder>`, on the rows read above.
            var candidate = GateRun.From(folders[1], paths[1]);
            var baseline = GateRun.From(folders[0], paths[0]);
            gate = GateEngine.Evaluate(candidate, [baseline], GateSettings.FromConfiguration(config, candidate.Suite), request.Options.Prices);
            GateService.WriteOutputs(gate, outDir, Path.Combine(paths[1], GateService.DefaultFolder), candidate.RunId, [baseline.RunId]);
        }
        ComparisonCsv.Write(Path.Combine(outDir, ComparisonCsv.FileName), report);
        ComparisonMarkdown.Write(Path.Combine(outDir, ComparisonMarkdown.FileName), report, gate is null ? null : GateMarkdown.VerdictBlock(gate));
        return new CompareResult(report, outDir, gate);
    }
}
