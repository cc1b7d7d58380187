using EvalHarness.Core.Models;


namespace EvalHarness.Core.Evaluators.Mrcr;

/// <summary>
/// Solves MRCR from the prompt: parses the final question, finds the k-th user message that is exactly
/// <c>write a {format} about {topic}</c>, and answers the hash + the following assistant message verbatim.
/// When fewer than k such requests are visible (the window cut the front), it answers the hash + a reply it can see:
/// one of the visible matching replies if any (a plausible confusion), else any visible assistant reply.
/// </summary>
internal sealed class MrcrSolver : ITaskSolver
{
    public string Name => "mrcr";

    public bool Recognizes(IReadOnlyList<ChatMessage> messages) =>
        messages.Count > 0 && messages[^1].Role == "user" && MrcrQuestion.TryParse(messages[^1].Content, out _);

    public string Solve(IReadOnlyList<ChatMessage> visibleMessages, ulong seed)
    {
        if (visibleMessages.Count == 0 || !MrcrQuestion.TryParse(visibleMessages[^1].Content, out var q)) return "";
        var request = q.Request;
        var matches = new List<int>(); // indexes of the reply after each matching request
        for (var i = 0; i + 1 < visibleMessages.Count - 1; i++)
        {
            if (visibleMessages[i].Role == "user" && visibleMessages[i + 1].Role == "assistant"
                && string.Equals(visibleMessages[i].Content, request, StringComparison.Ordinal))
            {
                matches.Add(i + 1);
            }
        }
        if (matches.Count >= q.K) return q.Hash + visibleMessages[matches[q.K - 1]].Content;

        if (matches.Count > 0) return q.Hash + visibleMessages[matches[Pick(seed, matches.Count)]].Content;
        var replies = new List<int>();
        for (var i = 0; i < visibleMessages.Count - 1; i++)
        {
            if (visibleMessages[i].Role == "assistant") replies.Add(i);
        }
        return replies.Count == 0 ? q.Hash : q.Hash + visibleMessages[replies[Pick(seed, replies.Count)]].Content;
    }

    /// <summary>Deterministic index from the seed (one SplitMix64 step; no System.Random).</summary>
    private static int Pick(ulong seed, int count)
    {
        var z = seed + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z % (ulong)count);
    }
}
