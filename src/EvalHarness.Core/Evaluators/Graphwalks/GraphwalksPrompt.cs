using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EvalHarness.Core.Evaluators.Graphwalks;

/// <summary>Which wording of the official prompt: April 2025 (original) or the 2026-02-27 fix.</summary>
public enum GraphwalksPromptVersion
{
    Original,
    Fixed,
}

/// <summary>The operation asked at the end of a Graphwalks prompt.</summary>
internal abstract record GraphwalksOperation
{
    public abstract string ProblemType { get; }
}

/// <summary>Nodes at exactly <see cref="Depth"/> from <see cref="Start"/> (shortest directed distance).</summary>
internal sealed record GraphwalksBfs(string Start, int Depth) : GraphwalksOperation
{
    public override string ProblemType => "bfs";
}

/// <summary>Nodes with an edge into <see cref="Node"/>, the node itself excluded.</summary>
internal sealed record GraphwalksParents(string Node) : GraphwalksOperation
{
    public override string ProblemType => "parents";
}

/// <summary>
/// The official prompt template, byte-exact in both versions: <c>HEAD + EDGES + MID + OP + TAIL</c>
/// (spec: /work/shared/specs/graphwalks.md, verified against real rows in the tests).
/// </summary>
internal static partial class GraphwalksPrompt
{
    internal const string BfsSentenceOriginal =
        "only return the nodes that are reachable at that depth, do not return the starting node.";

    internal const string BfsSentenceFixed =
        "only return the nodes that are both reachable and exactly at that depth (not nodes at intermediate depths), and do not return the starting node.";

    internal const string TailSentenceOriginal =
        "You should immediately return the set of nodes that the operation results in, with no additional text.";

    internal const string TailSentenceFixed =
        "You should reason through the operation step by step, and then return the set of nodes that the operation results in.";

    /// <summary>First sentence of every version; used to recognise the task.</summary>
    public const string Opening = "You will be given a graph as a list of directed edges.";

    /// <summary>The line introducing the real edge list (it also introduces the example's edges, earlier).</summary>
    public const string EdgesHeader = "Here is the graph to operate on:\nThe graph has the following edges:\n";

    public const string Mid = "\n\n\nOperation:\n";

    private const string HeadTemplate =
        "\n" + Opening + " All nodes are at least degree 1. You will also get a description of an operation to perform on the graph.\n" +
        "Your job is to execute the operation on the graph and return the set of nodes that the operation results in. If asked for a breadth-first search (BFS), {BFS_SENTENCE} If asked for the parents of a node, only return the nodes that have an edge leading to the given node, do not return the given node itself.\n" +
        "\nHere is an example:\n<begin example>\n\nThe graph has the following edges:\nuvwx -> alke\nabcd -> uvwx\nabcd -> efgh\nefgh -> uvwx\n" +
        "\nExample 1:\nOperation:\n{EX1}\nFinal Answer: [uvwx, efgh]\n" +
        "\nExample 2:\nOperation:\n{EX2}\nFinal Answer: []\n" +
        "\nExample 3:\nOperation:\nFind the parents of node uvwx.\nFinal Answer: [abcd, efgh]\n" +
        "\nExample 4:\nOperation:\nFind the parents of node abcd.\nFinal Answer: []\n" +
        "\n<end example>\n" + EdgesHeader;

    private const string TailTemplate =
        "\n\n{TAIL_SENTENCE} Return your final answer as a list of nodes in the very last line of your response. For example, if the operation returns the set of nodes [node1, node2, node3], your response should be:\nFinal Answer: [node1, node2, node3]\nIf the operation returns the empty set, your response should be:\nFinal Answer: []\n";

    private static readonly string HeadOriginal = BuildHead(GraphwalksPromptVersion.Original);
    private static readonly string HeadFixed = BuildHead(GraphwalksPromptVersion.Fixed);
    private static readonly string TailOriginal = TailTemplate.Replace("{TAIL_SENTENCE}", TailSentenceOriginal, StringComparison.Ordinal);
    private static readonly string TailFixed = TailTemplate.Replace("{TAIL_SENTENCE}", TailSentenceFixed, StringComparison.Ordinal);

    public static string Head(GraphwalksPromptVersion version) =>
        version == GraphwalksPromptVersion.Original ? HeadOriginal : HeadFixed;

    public static string Tail(GraphwalksPromptVersion version) =>
        version == GraphwalksPromptVersion.Original ? TailOriginal : TailFixed;

    public static string FormatOperation(GraphwalksOperation operation, GraphwalksPromptVersion version) => operation switch
    {
        GraphwalksBfs b => FormatBfs(b.Start, b.Depth.ToString(CultureInfo.InvariantCulture), version),
        GraphwalksParents p => $"Find the parents of node {p.Node}.",
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    /// <summary>Everything except the edge lines: HEAD + MID + OP + TAIL (the part whose size does not depend on N).</summary>
    public static string Frame(GraphwalksOperation operation, GraphwalksPromptVersion version) =>
        Head(version) + Mid + FormatOperation(operation, version) + Tail(version);

    /// <summary>Builds the whole prompt. Edge lines are <c>{src} -&gt; {dst}</c> joined by a newline, none trailing.</summary>
    public static string Build(IReadOnlyList<(string Source, string Target)> edges, GraphwalksOperation operation, GraphwalksPromptVersion version)
    {
        var head = Head(version);
        var op = FormatOperation(operation, version);
        var tail = Tail(version);
        var edgeChars = 0;
        foreach (var (s, t) in edges) edgeChars += s.Length + t.Length + 5;
        var sb = new StringBuilder(head.Length + edgeChars + Mid.Length + op.Length + tail.Length);
        sb.Append(head);
        for (var i = 0; i < edges.Count; i++)
        {
            if (i > 0) sb.Append('\n');
            sb.Append(edges[i].Source).Append(" -> ").Append(edges[i].Target);
        }
        return sb.Append(Mid).Append(op).Append(tail).ToString();
    }

    /// <summary>
    /// The wording a prompt uses, from its instruction sentences; null when neither wording is found
    /// (e.g. a prompt from another source, or a cut one).
    /// </summary>
    public static GraphwalksPromptVersion? DetectVersion(string prompt)
    {
        if (prompt.Contains(BfsSentenceFixed, StringComparison.Ordinal) || prompt.Contains(TailSentenceFixed, StringComparison.Ordinal))
            return GraphwalksPromptVersion.Fixed;
        if (prompt.Contains(BfsSentenceOriginal, StringComparison.Ordinal) || prompt.Contains(TailSentenceOriginal, StringComparison.Ordinal))
            return GraphwalksPromptVersion.Original;
        return null;
    }

    /// <summary>
    /// The character difference <c>len(fixed) - len(original)</c> for a prompt of this problem type:
    /// 205 for parents, 272 for bfs (the operation line changes too).
    /// </summary>
    public static int FixedMinusOriginalLength(string problemType) =>
        HeadFixed.Length - HeadOriginal.Length + TailFixed.Length - TailOriginal.Length +
        (problemType == "bfs" ? FormatBfs("x", "1", GraphwalksPromptVersion.Fixed).Length - FormatBfs("x", "1", GraphwalksPromptVersion.Original).Length : 0);

    /// <summary>
    /// Rewrites a prompt into the other wording with the fix's three literal substitutions (and every BFS operation line).
    /// A prompt already in <paramref name="to"/> comes back unchanged.
    /// </summary>
    public static string Convert(string prompt, GraphwalksPromptVersion to)
    {
        if (to == GraphwalksPromptVersion.Fixed)
        {
            return BfsOpOriginal().Replace(
                prompt.Replace(BfsSentenceOriginal, BfsSentenceFixed, StringComparison.Ordinal).Replace(TailSentenceOriginal, TailSentenceFixed, StringComparison.Ordinal),
                "Perform a BFS from node $1 and return only the nodes at exactly depth $2 (not nodes at intermediate depths).");
        }
        return BfsOpFixed().Replace(
            prompt.Replace(BfsSentenceFixed, BfsSentenceOriginal, StringComparison.Ordinal).Replace(TailSentenceFixed, TailSentenceOriginal, StringComparison.Ordinal),
            "Perform a BFS from node $1 with depth $2.");
    }

    [GeneratedRegex(@"Perform a BFS from node (\S+) with depth ([0-9]+)\.", RegexOptions.CultureInvariant)]
    private static partial Regex BfsOpOriginal();

    [GeneratedRegex(@"Perform a BFS from node (\S+) and return only the nodes at exactly depth ([0-9]+) \(not nodes at intermediate depths\)\.", RegexOptions.CultureInvariant)]
    private static partial Regex BfsOpFixed();

    private static string FormatBfs(string start, string depth, GraphwalksPromptVersion version) =>
        version == GraphwalksPromptVersion.Original
            ? $"Perform a BFS from node {start} with depth {depth}."
            : $"Perform a BFS from node {start} and return only the nodes at exactly depth {depth} (not nodes at intermediate depths).";

    private static string BuildHead(GraphwalksPromptVersion version) =>
        HeadTemplate
            .Replace("{BFS_SENTENCE}", version == GraphwalksPromptVersion.Original ? BfsSentenceOriginal : BfsSentenceFixed, StringComparison.Ordinal)
            .Replace("{EX1}", FormatBfs("abcd", "1", version), StringComparison.Ordinal)
            .Replace("{EX2}", FormatBfs("alke", "1", version), StringComparison.Ordinal);
}
