using System.Globalization;
using System.Text.RegularExpressions;

namespace EvalHarness.Core.Evaluators.Graphwalks;

/// <summary>What a Graphwalks prompt holds: its edges (in prompt order), the operation and the wording.</summary>
/// <param name="StartsMidList">True when the edge-list header was not visible (a cut prompt): the edges are what remained.</param>
internal sealed record GraphwalksParsedPrompt(
    IReadOnlyList<(string Source, string Target)> Edges,
    GraphwalksOperation? Operation,
    GraphwalksPromptVersion? Version,
    bool StartsMidList);

/// <summary>Reads edges and the operation back out of a prompt built with <see cref="GraphwalksPrompt"/>'s template.</summary>
internal static partial class GraphwalksPromptParser
{
    private const string Arrow = " -> ";

    /// <summary>
    /// Parses a prompt. When the edge header is missing (the text was cut from the front by a context window), the edge
    /// list is taken from the start of the text and a first line that is not a whole edge is dropped.
    /// Never throws: a missing operation gives <c>Operation = null</c>.
    /// </summary>
    public static GraphwalksParsedPrompt Parse(string prompt)
    {
        var headerAt = prompt.IndexOf(GraphwalksPrompt.EdgesHeader, StringComparison.Ordinal);
        var listStart = headerAt >= 0 ? headerAt + GraphwalksPrompt.EdgesHeader.Length : 0;
        var midAt = prompt.LastIndexOf(GraphwalksPrompt.Mid, StringComparison.Ordinal);
        if (midAt < listStart) midAt = -1;
        var listEnd = midAt >= 0 ? midAt : prompt.Length;

        var edges = new List<(string, string)>();
        var first = true;
        var list = prompt.AsSpan(listStart, listEnd - listStart);
        foreach (var range in list.Split('\n'))
        {
            var line = list[range];
            var cut = first && headerAt < 0;
            first = false;
            var arrow = line.IndexOf(Arrow, StringComparison.Ordinal);
            if (arrow <= 0 || arrow + Arrow.Length >= line.Length) continue;
            var src = line[..arrow];
            var dst = line[(arrow + Arrow.Length)..];
            // A line cut by the window shows a shorter source id than its target; all ids of one graph have one length.
            if (cut && src.Length != dst.Length) continue;
            edges.Add((src.ToString(), dst.ToString()));
        }

        GraphwalksOperation? op = null;
        if (midAt >= 0)
        {
            var opStart = midAt + GraphwalksPrompt.Mid.Length;
            var opEnd = prompt.IndexOf('\n', opStart);
            op = ParseOperation(prompt[opStart..(opEnd < 0 ? prompt.Length : opEnd)]);
        }
        return new GraphwalksParsedPrompt(edges, op, GraphwalksPrompt.DetectVersion(prompt), headerAt < 0);
    }

    /// <summary>Parses one operation line in either wording; null when it is neither.</summary>
    public static GraphwalksOperation? ParseOperation(string line)
    {
        var m = BfsOriginal().Match(line);
        if (!m.Success) m = BfsFixed().Match(line);
        if (m.Success && int.TryParse(m.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var depth))
            return new GraphwalksBfs(m.Groups[1].Value, depth);
        m = Parents().Match(line);
        return m.Success ? new GraphwalksParents(m.Groups[1].Value) : null;
    }

    [GeneratedRegex(@"^Perform a BFS from node (\S+) with depth ([0-9]+)\.$", RegexOptions.CultureInvariant)]
    private static partial Regex BfsOriginal();

    [GeneratedRegex(@"^Perform a BFS from node (\S+) and return only the nodes at exactly depth ([0-9]+) \(not nodes at intermediate depths\)\.$", RegexOptions.CultureInvariant)]
    private static partial Regex BfsFixed();

    [GeneratedRegex(@"^Find the parents of node (\S+)\.$", RegexOptions.CultureInvariant)]
    private static partial Regex Parents();
}
