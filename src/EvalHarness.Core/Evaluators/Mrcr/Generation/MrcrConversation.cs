using EvalHarness.Core.Models;

namespace EvalHarness.Core.Evaluators.Mrcr.Generation;

/// <summary>A generated MRCR conversation with the same fields as an official row.</summary>
internal sealed record MrcrConversation(
    IReadOnlyList<ChatMessage> Messages,
    string Answer,
    string Hash,
    int NNeedles,
    int DesiredMsgIndex,
    string Format,
    string Topic,
    int K,
    int ContextTokens,
    long NChars);
