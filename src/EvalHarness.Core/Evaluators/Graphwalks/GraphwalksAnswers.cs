namespace EvalHarness.Core.Evaluators.Graphwalks;

/// <summary>The gold answer of an operation over an edge list (set semantics, sorted ordinally for stable output).</summary>
internal static class GraphwalksAnswers
{
    public static IReadOnlyList<string> Compute(IReadOnlyList<(string Source, string Target)> edges, GraphwalksOperation operation) => operation switch
    {
        GraphwalksBfs b => BfsAtExactDepth(edges, b.Start, b.Depth),
        GraphwalksParents p => Parents(edges, p.Node),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    /// <summary>Nodes whose shortest directed distance from <paramref name="start"/> is exactly <paramref name="depth"/>.</summary>
    public static IReadOnlyList<string> BfsAtExactDepth(IReadOnlyList<(string Source, string Target)> edges, string start, int depth)
    {
        var adjacency = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (s, t) in edges)
        {
            if (!adjacency.TryGetValue(s, out var list)) adjacency[s] = list = [];
            list.Add(t);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var frontier = new List<string> { start };
        for (var level = 0; level < depth && frontier.Count > 0; level++)
        {
            var next = new List<string>();
            foreach (var node in frontier)
            {
                if (!adjacency.TryGetValue(node, out var targets)) continue;
                foreach (var t in targets)
                {
                    if (seen.Add(t)) next.Add(t);
                }
            }
            frontier = next;
        }
        if (depth <= 0) return [];
        frontier.Sort(StringComparer.Ordinal);
        return frontier;
    }

    /// <summary><c>{u : u -&gt; node is an edge, u != node}</c>.</summary>
    public static IReadOnlyList<string> Parents(IReadOnlyList<(string Source, string Target)> edges, string node)
    {
        var parents = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (s, t) in edges)
        {
            if (string.Equals(t, node, StringComparison.Ordinal) && !string.Equals(s, node, StringComparison.Ordinal)) parents.Add(s);
        }
        return [.. parents];
    }
}
