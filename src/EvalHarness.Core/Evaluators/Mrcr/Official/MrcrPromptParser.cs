using System.Text.Json;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Evaluators.Mrcr.Official;

/// <summary>
/// Parses the <c>prompt</c> column (a JSON list of <c>{role, content}</c>) into chat messages as they are: the two
/// consecutive user messages at the start stay (a server that rejects them is reported as an error row).
/// </summary>
internal static class MrcrPromptParser
{
    public static IReadOnlyList<ChatMessage> Parse(string prompt, string location)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(prompt);
        }
        catch (JsonException e)
        {
            throw new EvalInputException($"{location}: field 'prompt' is not valid JSON ({e.Message})", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                throw new EvalInputException($"{location}: field 'prompt' must be a JSON list of messages");
            var messages = new List<ChatMessage>(doc.RootElement.GetArrayLength());
            var index = 0;
            foreach (var m in doc.RootElement.EnumerateArray())
            {
                if (m.ValueKind != JsonValueKind.Object
                    || !m.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String
                    || !m.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
                {
                    throw new EvalInputException($"{location}: field 'prompt' message {index} needs string 'role' and 'content'");
                }
                var r = role.GetString()!;
                if (r is not ("user" or "assistant" or "system"))
                    throw new EvalInputException($"{location}: field 'prompt' message {index} has role '{r}' (expected user or assistant)");
                messages.Add(new ChatMessage(r, content.GetString()!));
                index++;
            }
            if (messages.Count == 0) throw new EvalInputException($"{location}: field 'prompt' has no messages");
            return messages;
        }
    }
}
