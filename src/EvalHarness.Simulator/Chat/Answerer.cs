using EvalHarness.Core.Text;
using EvalHarness.Simulator.Internal;
using EvalHarness.Simulator.Models;
using EvalHarness.Core.Evaluators;
using EvalHarness.Simulator.Solvers;

namespace EvalHarness.Simulator.Chat;

/// <summary>The final answer of one request, already cut to the output limit.</summary>
internal sealed record Answer(string Text, string FinishReason, int CompletionTokens, string Source);

/// <summary>Decides what a simulated model answers: which solver, what it sees, which seed, what limit.</summary>
internal sealed class Answerer(SolverRegistry solvers, SimulatorOptions options)
{
    private const ulong NoisyStream = 0x6E6F697379UL; // "noisy"

    public Answer Answer(SimulatedModel model, Prompt prompt, int? maxCompletionTokens)
    {
        var (text, source) = Compose(model, prompt);
        var finish = "stop";
        if (maxCompletionTokens is { } max)
        {
            var cut = AnswerText.TruncateToTokens(text, max);
            if (cut.Length < text.Length)
            {
                text = cut;
                finish = "length";
            }
        }

        return new Answer(text, finish, O200kTokenizer.Shared.CountTokens(text), source);
    }

    /// <summary>Deterministic per (simulator seed, model id, prompt content).</summary>
    public static ulong SolverSeed(ulong simulatorSeed, string modelId, ulong promptHash)
    {
        return SplitMix64.Mix(SplitMix64.Mix(SplitMix64.Mix(simulatorSeed) ^ SplitMix64.HashString(modelId)) ^ promptHash);
    }

    private (string Text, string Source) Compose(SimulatedModel model, Prompt prompt)
    {
        if (model.Kind == ModelKind.Echo)
        {
            for (var i = prompt.Messages.Count - 1; i >= 0; i--)
            {
                if (prompt.Messages[i].Role == "user") return (prompt.Messages[i].Content, "echo");
            }

            return ("", "echo");
        }

        // Recognition looks at the full conversation (the task is known even when the evidence is out of view).
        var solver = solvers.Find(prompt.Messages);
        if (solver is null) return (SolverRegistry.FallbackAnswer, "fallback");

        var seed = SolverSeed(options.Seed, model.Id, prompt.ContentHash);
        if (model.Kind == ModelKind.Noisy && SplitMix64.UnitAt(seed, NoisyStream, 0) < options.NoisyWrongRate)
        {
            return (Blind(solver, prompt, seed), solver.Name + ":blind");
        }

        var visible = model.Kind == ModelKind.Window ? prompt.Window(model.WindowTokens) : prompt.Messages;
        return (solver.Solve(visible, seed), solver.Name);
    }

    /// <summary>
    /// A noisy model's wrong answer: computed from only the end of the conversation, where the question usually is
    /// and the evidence usually is not. A short prompt fits entirely in that view (IFEval-style instructions), so
    /// then the answer is cut to half its tokens instead, which breaks most format and length constraints.
    /// </summary>
    private string Blind(ITaskSolver solver, Prompt prompt, ulong seed)
    {
        var visible = prompt.Window(options.NoisyBlindWindowTokens);
        var text = solver.Solve(visible, seed);
        if (!ReferenceEquals(visible, prompt.Messages)) return text;
        return AnswerText.TruncateToTokens(text, O200kTokenizer.Shared.CountTokens(text) / 2);
    }
}
