using EvalHarness.Core.Evaluators;

namespace EvalHarness.Core.Running;

/// <summary>
/// <c>--limit N</c> as a stratified sample: round-robin over the eval's groups (cells, bins) in the order they first
/// appear, taking each group's samples in their own order, so every group gets a sample before any gets a second. The
/// selection depends only on the eval's sample stream (fixed by the seed and options): same seed, same selection. The
/// chosen samples keep their stream order.
/// </summary>
internal static class StratifiedLimit
{
    /// <summary>Reads the whole stream but keeps at most <paramref name="limit"/> samples per group.</summary>
    public static async Task<List<EvalSample>> TakeAsync(IAsyncEnumerable<EvalSample> samples, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var groups = new List<List<(int Index, EvalSample Sample)>>();
        var byName = new Dictionary<string, List<(int, EvalSample)>>(StringComparer.Ordinal);
        var index = 0;
        await foreach (var s in samples.WithCancellation(ct).ConfigureAwait(false))
        {
            if (!byName.TryGetValue(s.Group, out var group))
            {
                group = [];
                byName[s.Group] = group;
                groups.Add(group);
            }
            // A group's sample past the limit can never be chosen (each round takes one per group).
            if (group.Count < limit) group.Add((index, s));
            index++;
        }
        return Select(groups, limit);
    }

    /// <summary>The stratified choice over already listed samples (<c>Group</c> as the stratum).</summary>
    public static List<EvalSample> Take(IEnumerable<EvalSample> samples, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var groups = samples.Select((s, i) => (Index: i, Sample: s))
            .GroupBy(x => x.Sample.Group, StringComparer.Ordinal) // GroupBy keeps first-appearance order
            .Select(g => g.ToList()).ToList();
        return Select(groups, limit);
    }

    private static List<EvalSample> Select(List<List<(int Index, EvalSample Sample)>> groups, int limit)
    {
        var chosen = new List<(int Index, EvalSample Sample)>(limit);
        for (var round = 0; chosen.Count < limit; round++)
        {
            var any = false;
            foreach (var group in groups)
            {
                if (round >= group.Count) continue;
                any = true;
                chosen.Add(group[round]);
                if (chosen.Count == limit) break;
            }
            if (!any) break;
        }
        return chosen.OrderBy(c => c.Index).Select(c => c.Sample).ToList();
    }
}
