using System.Globalization;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Reporting;

namespace EvalHarness.Core.Running;

/// <summary>Per-eval extras written beside the contract's files (e.g. the NIAH heatmap pivot per model).</summary>
public static class RunArtifacts
{
    public static void Write(string runDirectory, IReadOnlyList<SampleResult> results)
    {
        foreach (var byModel in results.Where(r => r.Eval == "niah" && r.Score is not null).GroupBy(r => r.Model))
        {
            var cells = byModel.Select(r => (
                Context: Label(r, "context_tokens_target"),
                Depth: Label(r, "depth_percent_target"),
                r.Score!.Score)).Where(c => c.Context is not null && c.Depth is not null)
                .Select(c => ((int)c.Context!.Value, c.Depth!.Value, c.Score));
            var heatmap = NiahHeatmap.Build(cells);
            AtomicFile.WriteAllText(Path.Combine(runDirectory, $"heatmap_niah_{SafeName(byModel.Key)}.csv"), heatmap.ToCsv());
        }
    }

    private static double? Label(SampleResult r, string name) =>
        double.TryParse(Cell.Of(r.Sample.Labels[name]), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string SafeName(string model) =>
        string.Concat(model.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_'));
}
