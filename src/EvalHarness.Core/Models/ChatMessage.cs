namespace EvalHarness.Core.Models;

/// <summary>One chat message as sent to the model. Roles are the OpenAI ones: system, user, assistant.</summary>
public sealed record ChatMessage(string Role, string Content);
