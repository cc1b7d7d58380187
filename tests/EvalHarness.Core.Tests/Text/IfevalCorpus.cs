using System.Text.Json;
using EvalHarness.Core.Text;
using EvalHarness.TestSupport;

namespace EvalHarness.Core.Tests.Text;

/// <summary>
/// The GPT-4 IFEval set (prompts, responses, Google's reference verdicts) from ../shared, joined by row order
/// (the response file's row 340 carries key 2785's stale prompt, spec §2.1).
/// </summary>
internal sealed record IfevalItem(int Key, string Response, string InstructionId, JsonElement Kwargs, bool Strict, bool Loose);

internal static class IfevalCorpus
{
    private static readonly Lazy<(IReadOnlyList<string> Responses, IReadOnlyList<IfevalItem> Items)> Data = new(LoadData);

    public static IReadOnlyList<string> Responses() => Require().Responses;

    public static IEnumerable<IfevalItem> Items(string instructionId) =>
        Require().Items.Where(i => i.InstructionId == instructionId);

    /// <summary>The eight loose-mode variants of spec §2.4, in order.</summary>
    public static IEnumerable<string> LooseVariants(string response)
    {
        var lines = response.Split('\n');
        var withoutFirst = PythonText.Strip(string.Join("\n", lines.Skip(1)));
        var withoutLast = PythonText.Strip(string.Join("\n", lines.Take(lines.Length - 1)));
        var withoutBoth = PythonText.Strip(string.Join("\n", lines.Skip(1).Take(lines.Length - 2)));
        yield return response;
        yield return response.Replace("*", "", StringComparison.Ordinal);
        yield return withoutFirst;
        yield return withoutLast;
        yield return withoutBoth;
        yield return withoutFirst.Replace("*", "", StringComparison.Ordinal);
        yield return withoutLast.Replace("*", "", StringComparison.Ordinal);
        yield return withoutBoth.Replace("*", "", StringComparison.Ordinal);
    }

    /// <summary>A strict verdict: non-blank response and the check passes.</summary>
    public static bool Strict(string response, Func<string, bool> check) =>
        PythonText.Strip(response).Length > 0 && check(response);

    /// <summary>A loose verdict: some non-blank variant passes.</summary>
    public static bool Loose(string response, Func<string, bool> check) =>
        LooseVariants(response).Any(v => PythonText.Strip(v).Length > 0 && check(v));

    public static bool Relation(int count, string relation, int n) => relation == "less than" ? count < n : count >= n;

    private static (IReadOnlyList<string> Responses, IReadOnlyList<IfevalItem> Items) Require()
    {
        SharedData.RequireFile("ifeval", "responses", "gpt4_20231107.jsonl");
        return Data.Value;
    }

    private static (IReadOnlyList<string> Responses, IReadOnlyList<IfevalItem> Items) LoadData()
    {
        var root = SharedData.RootPath!;
        var inputs = ReadJsonl(Path.Combine(root, "ifeval", "input_data.jsonl"));
        var responses = ReadJsonl(Path.Combine(root, "ifeval", "responses", "gpt4_20231107.jsonl"))
            .Select(r => r.GetProperty("response").GetString() ?? string.Empty).ToList();
        var verdicts = ReadJsonl(Path.Combine(root, "ifeval", "reference", "gpt4_20231107.verdicts.jsonl"));
        var items = new List<IfevalItem>();
        for (var row = 0; row < inputs.Count; row++)
        {
            var ids = inputs[row].GetProperty("instruction_id_list").EnumerateArray().Select(e => e.GetString()!).ToArray();
            var kwargs = inputs[row].GetProperty("kwargs").EnumerateArray().ToArray();
            var strict = verdicts[row].GetProperty("strict").EnumerateArray().Select(e => e.GetBoolean()).ToArray();
            var loose = verdicts[row].GetProperty("loose").EnumerateArray().Select(e => e.GetBoolean()).ToArray();
            var key = inputs[row].GetProperty("key").GetInt32();
            for (var i = 0; i < ids.Length; i++) items.Add(new IfevalItem(key, responses[row], ids[i], kwargs[i], strict[i], loose[i]));
        }
        return (responses, items);
    }

    private static List<JsonElement> ReadJsonl(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}
