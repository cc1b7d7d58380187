using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators.IfEval;
using EvalHarness.TestSupport;

namespace EvalHarness.Core.Tests.Evaluators.IfEval;

/// <summary>Google's prompts, GPT-4 responses and reference verdicts from ../shared/ifeval (tests skip when absent).</summary>
internal static class ReferenceData
{
    public sealed record Verdict(long Key, IReadOnlyList<string> Ids, IReadOnlyList<bool> Strict, IReadOnlyList<bool> Loose);

    /// <summary>Ids whose verdicts depend on Punkt, word_tokenize or langdetect.</summary>
    public static readonly HashSet<string> ToolDependentIds = new(StringComparer.Ordinal)
    {
        "length_constraints:number_sentences", "change_case:capital_word_frequency", "language:response_language",
        "change_case:english_capital", "change_case:english_lowercase",
    };

    public static IReadOnlyList<IfEvalPrompt> Inputs() => IfEvalFiles.ReadInput(SharedData.RequireFile("ifeval", "input_data.jsonl"));

    public static IReadOnlyList<IfEvalResponseRow> Gpt4Responses() =>
        IfEvalFiles.ReadResponses(SharedData.RequireFile("ifeval", "responses", "gpt4_20231107.jsonl"));

    public static IReadOnlyList<Verdict> Gpt4Verdicts() =>
        [.. File.ReadLines(SharedData.RequireFile("ifeval", "reference", "gpt4_20231107.verdicts.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .Select(o => new Verdict(
                o["key"]!.GetValue<long>(),
                [.. o["instruction_id_list"]!.AsArray().Select(n => n!.GetValue<string>())],
                [.. o["strict"]!.AsArray().Select(n => n!.GetValue<bool>())],
                [.. o["loose"]!.AsArray().Select(n => n!.GetValue<bool>())]))];

    /// <summary>Every (key, index, id, mode) where <paramref name="results"/> differ from the reference.</summary>
    public static List<string> Disagreements(IReadOnlyList<IfEvalPromptResult> results, IReadOnlyList<Verdict> verdicts, Func<string, bool> include)
    {
        var list = new List<string>();
        Assert.Equal(verdicts.Count, results.Count);
        for (int p = 0; p < results.Count; p++)
        {
            Assert.Equal(verdicts[p].Key, results[p].Key);
            for (int i = 0; i < verdicts[p].Ids.Count; i++)
            {
                var id = verdicts[p].Ids[i];
                if (!include(id)) continue;
                if (results[p].Strict[i] != verdicts[p].Strict[i]) list.Add($"key {results[p].Key} [{i}] {id} strict: got {results[p].Strict[i]}");
                if (results[p].Loose[i] != verdicts[p].Loose[i]) list.Add($"key {results[p].Key} [{i}] {id} loose: got {results[p].Loose[i]}");
            }
        }
        return list;
    }
}
