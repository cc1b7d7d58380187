using System.Globalization;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Evaluators.Graphwalks;

/// <summary>What one generated sample must look like.</summary>
/// <param name="ProblemType"><c>bfs</c> or <c>parents</c>.</param>
/// <param name="MinTokens">Lowest acceptable o200k count of the whole prompt (inclusive).</param>
/// <param name="MaxTokens">Highest acceptable o200k count of the whole prompt (inclusive).</param>
/// <param name="Depth">BFS depth (ignored for parents).</param>
public sealed record GraphwalksGraphSpec(
    string ProblemType, int MinTokens, int MaxTokens, int OutDegree, int Depth, GraphwalksPromptVersion Version, ulong Seed);

/// <summary>A generated prompt with its gold answer and the facts the CSV reports.</summary>
public sealed record GraphwalksGenerated(
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
/// k, targets uniform with replacement (self-loops and duplicates allowed), edges listed by source index. N is chosen so
/// the whole prompt's o200k count lands in [MinTokens, MaxTokens]: estimate from tokens per edge line, count, re-estimate
/// from the measured rate (a secant step), usually 1-2 full counts.
/// </summary>
public sealed class GraphwalksGenerator(O200kTokenizer tokenizer)
{
    /// <summary>Prior o200k tokens per edge line (<c>{10 hex} -&gt; {10 hex}\n</c>), measured on md5 ids; only a first guess.</summary>
    internal const double TokensPerEdgeLinePrior = 15.5;

    private const int MaxAttempts = 40;

    private string[] _ids = [];

    public GraphwalksGenerated Generate(GraphwalksGraphSpec spec)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.OutDegree, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.MaxTokens, spec.MinTokens);
        var mid = (spec.MinTokens + spec.MaxTokens) / 2.0;
        var frameTokens = tokenizer.CountTokens(GraphwalksPrompt.Frame(new GraphwalksParents(GraphwalksNodeIds.Of(0)), spec.Version));
        var perNode = spec.OutDegree * TokensPerEdgeLinePrior;
        var n = Math.Max(1, (int)Math.Round((mid - frameTokens) / perNode));
        var tried = new SortedDictionary<int, int>();
        for (var passes = 1; passes <= MaxAttempts; passes++)
        {
            var (prompt, edges, op) = BuildPrompt(spec, n);
            var tokens = tokenizer.CountTokens(prompt);
            tried[n] = tokens;
            if (tokens >= spec.MinTokens && tokens <= spec.MaxTokens)
            {
                var answer = GraphwalksAnswers.Compute(edges, op);
                return new GraphwalksGenerated(prompt, op, answer, n, edges.Count, spec.OutDegree, tokens, passes);
            }
            if (tokens > spec.MaxTokens && n == 1)
                throw new EvalInputException($"graphwalks: a {spec.ProblemType} prompt with one node already has {tokens} o200k tokens, above the bin [{spec.MinTokens}, {spec.MaxTokens}]; use a larger token target");
            perNode = Math.Max(1.0, (tokens - frameTokens) / (double)n);
            var next = Math.Max(1, (int)Math.Round(n + (mid - tokens) / perNode));
            // Random targets make tokens(N) slightly noisy; never retry an N, walk one step past it instead.
            while (tried.ContainsKey(next)) next += tokens < spec.MinTokens ? 1 : -1;
            if (next < 1)
                throw new EvalInputException($"graphwalks: no node count fits the bin [{spec.MinTokens}, {spec.MaxTokens}] o200k tokens; widen it");
            n = next;
        }
        throw new EvalInputException(string.Create(CultureInfo.InvariantCulture,
            $"graphwalks: no node count fits the bin [{spec.MinTokens}, {spec.MaxTokens}] o200k tokens with out_degree {spec.OutDegree} after {MaxAttempts} tries; widen the bin"));
    }

    /// <summary>The prompt for exactly <paramref name="nodeCount"/> nodes; a pure function of (spec, N).</summary>
    internal (string Prompt, List<(string Source, string Target)> Edges, GraphwalksOperation Operation) BuildPrompt(GraphwalksGraphSpec spec, int nodeCount)
    {
        var ids = Ids(nodeCount);
        var rng = new SplitMix64(SplitMix64.Derive(spec.Seed, (ulong)nodeCount));
        var k = spec.OutDegree;
        var edges = new List<(string, string)>(nodeCount * k);
        for (var s = 0; s < nodeCount; s++)
        {
            for (var j = 0; j < k; j++) edges.Add((ids[s], ids[rng.NextInt(nodeCount)]));
        }
        var node = ids[rng.NextInt(nodeCount)];
        GraphwalksOperation op = spec.ProblemType switch
        {
            "bfs" => new GraphwalksBfs(node, spec.Depth),
            "parents" => new GraphwalksParents(node),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.ProblemType, "problem type must be bfs or parents"),
        };
        return (GraphwalksPrompt.Build(edges, op, spec.Version), edges, op);
    }

    private ReadOnlySpan<string> Ids(int count)
    {
        if (_ids.Length < count)
        {
            var grown = new string[Math.Max(count, _ids.Length * 2)];
            _ids.CopyTo(grown, 0);
            for (var i = _ids.Length; i < grown.Length; i++) grown[i] = GraphwalksNodeIds.Of(i);
            _ids = grown;
        }
        return _ids.AsSpan(0, count);
    }
}
