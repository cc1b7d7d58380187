using EvalHarness.Core.Models;

namespace EvalHarness.Core.Evaluators;

/// <summary>
/// Answers one kind of eval prompt from the prompt text alone, as a perfect model would.
/// The simulator hands a solver only what the simulated model can "see": for a <c>sim-window-&lt;N&gt;k</c> model the
/// conversation cut from the front to its last N thousand o200k tokens. When the information needed is not visible,
/// the solver must still answer plausibly (right format, wrong content), deterministically from <paramref name="seed"/>.
/// </summary>
public interface ITaskSolver
{
    /// <summary>Short name for logs: "niah", "mrcr", "graphwalks", "ifeval".</summary>
    string Name { get; }

    /// <summary>True when the FULL conversation looks like this solver's task (checked before any windowing).</summary>
    bool Recognizes(IReadOnlyList<ChatMessage> messages);

    /// <summary>The answer text, computed from the visible messages only.</summary>
    string Solve(IReadOnlyList<ChatMessage> visibleMessages, ulong seed);
}
