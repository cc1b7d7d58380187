using EvalHarness.Core.Files;

namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>
/// IFEval's four metrics and its per-instruction breakdown as summary rows: <c>metric=prompt_strict</c> (equal to the
/// <c>all</c> row), <c>metric=prompt_loose</c>, <c>metric=instruction_strict</c>, <c>metric=instruction_loose</c>
/// (one value per instruction, clustered by prompt), then <c>instruction=&lt;id&gt;;mode=strict|loose</c> per id.
/// </summary>
internal static class IfEvalSummaryGroups
{
    public static IEnumerable<SummaryGroup> Build(IReadOnlyList<SampleResult> results)
    {
        var scored = results.Where(r => r.Score is not null).ToList();
        var promptStrict = new List<double>();
        var promptLoose = new List<double>();
        var promptClusters = new List<string>();
        var strict = new List<double>();
        var loose = new List<double>();
        var clusters = new List<string>();
        var byId = new SortedDictionary<string, (List<double> Strict, List<double> Loose, List<string> Clusters)>(StringComparer.Ordinal);
        foreach (var r in scored)
        {
            var ids = Column(r, "instruction_ids").Split('|', StringSplitOptions.RemoveEmptyEntries);
            var s = Verdicts(Column(r, "strict_verdicts"));
            var l = Verdicts(Column(r, "loose_verdicts"));
            if (ids.Length != s.Count || ids.Length != l.Count) continue; // not an IFEval row
            promptStrict.Add(s.All(v => v) ? 1 : 0);
            promptLoose.Add(l.All(v => v) ? 1 : 0);
            promptClusters.Add(r.SampleId);
            for (var i = 0; i < ids.Length; i++)
            {
                strict.Add(s[i] ? 1 : 0);
                loose.Add(l[i] ? 1 : 0);
                clusters.Add(r.SampleId);
                if (!byId.TryGetValue(ids[i], out var cell)) byId[ids[i]] = cell = ([], [], []);
                cell.Strict.Add(s[i] ? 1 : 0);
                cell.Loose.Add(l[i] ? 1 : 0);
                cell.Clusters.Add(r.SampleId);
            }
        }
        if (promptStrict.Count == 0) yield break;
        yield return new SummaryGroup("metric=prompt_strict", promptStrict, promptClusters);
        yield return new SummaryGroup("metric=instruction_strict", strict, clusters);
        yield return new SummaryGroup("metric=prompt_loose", promptLoose, promptClusters);
        yield return new SummaryGroup("metric=instruction_loose", loose, clusters);
        foreach (var (id, cell) in byId)
        {
            yield return new SummaryGroup($"instruction={id};mode=strict", cell.Strict, cell.Clusters);
            yield return new SummaryGroup($"instruction={id};mode=loose", cell.Loose, cell.Clusters);
        }
    }

    private static string Column(SampleResult r, string name) =>
        r.Sample.Labels.TryGetPropertyValue(name, out var node) && node is not null
            ? Cell.Of(node)
            : r.Score!.Columns.TryGetValue(name, out var v) ? v : "";

    private static List<bool> Verdicts(string joined) =>
        joined.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(v => v == "true").ToList();
}
