using System.Globalization;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Evaluators.Graphwalks;

/// <summary>
/// Solves Graphwalks prompts from the visible text: parses the edge lines it can see and runs the operation.
/// A window that cut the front of the edge list leaves edges out, so answers degrade naturally (missing parents,
/// a BFS that stops early or reaches nodes by longer paths). The last line is always <c>Final Answer: [...]</c>.
/// </summary>
internal sealed class GraphwalksSolver : ITaskSolver
{
    public string Name => "graphwalks";

    public bool Recognizes(IReadOnlyList<ChatMessage> messages) =>
        messages.Any(m => m.Role == "user"
            && m.Content.Contains(GraphwalksPrompt.Opening, StringComparison.Ordinal)
            && m.Content.Contains(GraphwalksPrompt.Mid, StringComparison.Ordinal));

    public string Solve(IReadOnlyList<ChatMessage> visibleMessages, ulong seed)
    {
        // The prompt is one user message; the window may have left only its tail.
        var text = visibleMessages.LastOrDefault(m => m.Role == "user")?.Content ?? "";
        var parsed = GraphwalksPromptParser.Parse(text);
        if (parsed.Operation is null) return "Final Answer: []";
        var answer = GraphwalksAnswers.Compute(parsed.Edges, parsed.Operation);
        var final = "Final Answer: [" + string.Join(", ", answer) + "]";
        if (parsed.Version != GraphwalksPromptVersion.Fixed) return final;
        // The fixed wording asks for step-by-step reasoning first; one short line stands in for it.
        var count = answer.Count.ToString(CultureInfo.InvariantCulture);
        var reasoning = parsed.Operation switch
        {
            GraphwalksBfs b => $"Running a BFS from {b.Start}, {count} node(s) are first reached at exactly depth {b.Depth.ToString(CultureInfo.InvariantCulture)}.",
            GraphwalksParents p => $"Scanning the edges that end at {p.Node}, {count} other node(s) point to it.",
            _ => "",
        };
        return reasoning + "\n" + final;
    }
}
