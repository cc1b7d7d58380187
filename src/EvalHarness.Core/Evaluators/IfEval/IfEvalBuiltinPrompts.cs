using System.Text.Json.Nodes;

namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>
/// The project's own IFEval-style prompt set (<c>datasets/ifeval/prompts.jsonl</c>, written for this project and
/// embedded in the assembly), in the official input format.
/// </summary>
internal static class IfEvalBuiltinPrompts
{
    public const string ResourceName = "EvalHarness.Core.IfEval.prompts.jsonl";

    private static readonly Lazy<IReadOnlyList<IfEvalPrompt>> Prompts = new(Read);

    public static IReadOnlyList<IfEvalPrompt> Load() => Prompts.Value;

    private static IReadOnlyList<IfEvalPrompt> Read()
    {
        using var stream = typeof(IfEvalBuiltinPrompts).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        var list = new List<IfEvalPrompt>();
        int line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0) continue;
            list.Add(IfEvalFiles.ParsePrompt(JsonNode.Parse(text)!.AsObject(), $"datasets/ifeval/prompts.jsonl line {line}"));
        }
        return list;
    }
}
