using System.Globalization;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Evaluators.Graphwalks;

/// <summary>What one generated sample must look like.</summary>
/// <param name="ProblemType"><c>bfs</c> or <c>parents</c>.</param>
/// <param name="MinTokens">Lowest acceptable o200k count of the whole prompt (inclusive).</param>
/// <param name="MaxTokens">Highest acceptable o200k count of the whole prompt (inclusive).</param>
/// <param name="Depth">BFS depth (ignored for parents).</param>
internal sealed record GraphwalksGraphSpec(
    string ProblemType, int MinTokens, int MaxTokens, int OutDegree, int Depth, GraphwalksPromptVersion Version, ulong Seed);

/// <summary>A generated prompt with its gold answer and the facts the CSV reports.</summary>
/// <param name="FullCountPasses">Whole-prompt o200k counts spent (1 = the final check only).</param>
internal sealed record GraphwalksGenerated(
    string Prompt,
    GraphwalksOperation Operation,
    IReadOnlyList<string> Answer,
    int NodeCount,
    int EdgeCount,
    int OutDegree,
    int PromptTokens,
    int FullCountPasses);

/// <summary>
/// Builds graphs the way the official rows look: nodes 0..N-1 with md5 ids, every node a source with the same out-degree
/// k, targets uniform with replacement (self-loops and duplicates allowed), edges listed by source index, a uniformly
/// random start/query node. N is chosen so the whole prompt's o200k count lands in [MinTokens, MaxTokens]: the count of a
/// candidate graph is computed exactly from per-id costs (<see cref="HexIdTokenCosts"/>) without rendering it, N is
/// moved by secant steps, and only the final prompt is counted in full (and trusted over the estimate).
/// Not thread-safe; the graph for a given (spec, N) is a pure function of them.
/// </summary>
internal sealed class GraphwalksGenerator(O200kTokenizer tokenizer)
{
    /// <summary>First guess of o200k tokens per edge line of md5 ids (~14.6 measured); the search corrects it.</summary>
    internal const double TokensPerEdgeLinePrior = 14.6;

    private const int MaxAttempts = 60;

    private readonly HexIdTokenCosts _costs = new(tokenizer);
    private readonly Dictionary<GraphwalksPromptVersion, int> _headTokens = [];
    private string[] _ids = [];
    private int[] _sourceCost = [];
    private int[] _targetCost = [];

    /// <summary>When false, the final whole-prompt count is skipped and the exact estimate is reported (benchmarks).</summary>
    public bool VerifyWithFullCount { get; init; } = true;

    public GraphwalksGenerated Generate(GraphwalksGraphSpec spec)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.OutDegree, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.MaxTokens, spec.MinTokens);
        if (spec.ProblemType is not ("bfs" or "parents"))
            throw new ArgumentOutOfRangeException(nameof(spec), spec.ProblemType, "problem type must be bfs or parents");

        var passes = 0;
        var n = InitialNodeCount(spec);
        var tried = new HashSet<int>();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            tried.Add(n);
            var graph = Sample(spec, n);
            var tokens = Estimate(spec, graph);
            if (tokens >= spec.MinTokens && tokens <= spec.MaxTokens)
            {
                var prompt = Render(spec, graph, out var edges, out var op);
                if (VerifyWithFullCount)
                {
                    passes++;
                    tokens = tokenizer.CountTokens(prompt);
                }
                if (tokens >= spec.MinTokens && tokens <= spec.MaxTokens)
                    return new GraphwalksGenerated(prompt, op, GraphwalksAnswers.Compute(edges, op), n, edges.Count, spec.OutDegree, tokens, passes);
            }
            if (tokens > spec.MaxTokens && n == 1)
                throw new EvalInputException(string.Create(CultureInfo.InvariantCulture,
                    $"graphwalks: a {spec.ProblemType} prompt with one node already has {tokens} o200k tokens, above the bin [{spec.MinTokens}, {spec.MaxTokens}]; use a larger token target"));
            n = NextNodeCount(spec, n, tokens, tried);
        }
        throw new EvalInputException(string.Create(CultureInfo.InvariantCulture,
            $"graphwalks: no node count fits the bin [{spec.MinTokens}, {spec.MaxTokens}] o200k tokens with out_degree {spec.OutDegree}; widen the bin"));
    }

    private int InitialNodeCount(GraphwalksGraphSpec spec)
    {
        var frame = HeadTokens(spec.Version) + tokenizer.CountTokens(GraphwalksPrompt.Mid + GraphwalksPrompt.FormatOperation(new GraphwalksParents(GraphwalksNodeIds.Of(0)), spec.Version) + GraphwalksPrompt.Tail(spec.Version));
        var mid = (spec.MinTokens + spec.MaxTokens) / 2.0;
        return Math.Max(1, (int)Math.Round((mid - frame) / (spec.OutDegree * TokensPerEdgeLinePrior)));
    }

    private static int NextNodeCount(GraphwalksGraphSpec spec, int n, int tokens, HashSet<int> tried)
    {
        // Secant step from the measured tokens per node; random targets make tokens(N) slightly noisy, so an N already
        // tried is stepped past rather than retried.
        var mid = (spec.MinTokens + spec.MaxTokens) / 2.0;
        var perNode = Math.Max(1.0, spec.OutDegree * TokensPerEdgeLinePrior);
        var next = Math.Max(1, (int)Math.Round(n + (mid - tokens) / perNode));
        var step = tokens < spec.MinTokens ? 1 : -1;
        while (tried.Contains(next) && next + step >= 1) next += step;
        return next;
    }

    /// <summary>The random graph for N nodes: targets[s * k + j] and the operation's node index.</summary>
    private (int NodeCount, int[] Targets, int Node) Sample(GraphwalksGraphSpec spec, int nodeCount)
    {
        EnsureIds(nodeCount);
        var rng = new StablePrng(GraphwalksSeed.Derive(spec.Seed, (ulong)nodeCount));
        var targets = new int[nodeCount * spec.OutDegree];
        for (var e = 0; e < targets.Length; e++) targets[e] = rng.NextInt(nodeCount);
        return (nodeCount, targets, rng.NextInt(nodeCount));
    }

    private int Estimate(GraphwalksGraphSpec spec, (int NodeCount, int[] Targets, int Node) graph)
    {
        long total = HeadTokens(spec.Version);
        var k = spec.OutDegree;
        for (var s = 0; s < graph.NodeCount; s++) total += (long)k * _sourceCost[s];
        foreach (var t in graph.Targets) total += _targetCost[t];
        total += (long)graph.Targets.Length * _costs.Arrow + (long)(graph.Targets.Length - 1) * _costs.Newline;
        var op = Operation(spec, _ids[graph.Node]);
        total += tokenizer.CountTokens(GraphwalksPrompt.Mid + GraphwalksPrompt.FormatOperation(op, spec.Version) + GraphwalksPrompt.Tail(spec.Version));
        return (int)Math.Min(int.MaxValue, total);
    }

    private string Render(GraphwalksGraphSpec spec, (int NodeCount, int[] Targets, int Node) graph, out List<(string Source, string Target)> edges, out GraphwalksOperation op)
    {
        var k = spec.OutDegree;
        edges = new List<(string, string)>(graph.Targets.Length);
        for (var e = 0; e < graph.Targets.Length; e++) edges.Add((_ids[e / k], _ids[graph.Targets[e]]));
        op = Operation(spec, _ids[graph.Node]);
        return GraphwalksPrompt.Build(edges, op, spec.Version);
    }

    private static GraphwalksOperation Operation(GraphwalksGraphSpec spec, string node) =>
        spec.ProblemType == "bfs" ? new GraphwalksBfs(node, spec.Depth) : new GraphwalksParents(node);

    private int HeadTokens(GraphwalksPromptVersion version)
    {
        if (!_headTokens.TryGetValue(version, out var tokens)) _headTokens[version] = tokens = tokenizer.CountTokens(GraphwalksPrompt.Head(version));
        return tokens;
    }

    private void EnsureIds(int count)
    {
        if (_ids.Length >= count) return;
        var size = Math.Max(count, _ids.Length + _ids.Length / 4);
        var old = _ids.Length;
        Array.Resize(ref _ids, size);
        Array.Resize(ref _sourceCost, size);
        Array.Resize(ref _targetCost, size);
        for (var i = old; i < size; i++)
        {
            _ids[i] = GraphwalksNodeIds.Of(i);
            _sourceCost[i] = _costs.Source(_ids[i]);
            _targetCost[i] = _costs.Target(_ids[i]);
        }
    }
}
