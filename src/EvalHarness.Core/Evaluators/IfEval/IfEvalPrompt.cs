using System.Text.Json.Nodes;

namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>One row of an IFEval <c>input_data.jsonl</c>: key, prompt, instruction ids and their parallel kwargs.</summary>
internal sealed record IfEvalPrompt(long Key, string Prompt, IReadOnlyList<string> InstructionIds, IReadOnlyList<JsonObject?> Kwargs)
{
    /// <summary>Where the row came from, for error messages (e.g. "input_data.jsonl line 12").</summary>
    public string Source { get; init; } = "";

    /// <summary>The scorer's truth object: <c>{"instruction_id_list": [...], "kwargs": [...]}</c>.</summary>
    public JsonObject ToTruth() => new()
    {
        ["instruction_id_list"] = new JsonArray([.. InstructionIds.Select(id => (JsonNode?)JsonValue.Create(id))]),
        ["kwargs"] = new JsonArray([.. Kwargs.Select(k => k?.DeepClone())]),
    };
}

/// <summary>One row of a response file: <c>{"prompt", "response"}</c>; a null response is scored as empty.</summary>
internal sealed record IfEvalResponseRow(string Prompt, string? Response);

/// <summary>The verdicts for one prompt, per instruction in the prompt's order.</summary>
internal sealed record IfEvalPromptResult(long Key, IReadOnlyList<string> InstructionIds, IReadOnlyList<bool> Strict, IReadOnlyList<bool> Loose)
{
    public bool PromptStrict => Strict.All(v => v);

    public bool PromptLoose => Loose.All(v => v);
}
