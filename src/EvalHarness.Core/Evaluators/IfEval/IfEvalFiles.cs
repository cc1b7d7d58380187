using System.Text.Json.Nodes;
using System.Text.Json;

namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>Readers for the official IFEval files; every problem is an <see cref="EvalInputException"/> naming file, line and field.</summary>
internal static class IfEvalFiles
{
    /// <summary>Reads <c>input_data.jsonl</c> rows (<c>key</c>, <c>prompt</c>, <c>instruction_id_list</c>, <c>kwargs</c>).</summary>
    public static IReadOnlyList<IfEvalPrompt> ReadInput(string path) =>
        [.. ReadLines(path).Select(x => ParsePrompt(x.Row, $"{Path.GetFileName(path)} line {x.Line}"))];

    /// <summary>Reads a response file of <c>{"prompt", "response"}</c> rows.</summary>
    public static IReadOnlyList<IfEvalResponseRow> ReadResponses(string path) =>
        [.. ReadLines(path).Select(x =>
        {
            var where = $"{Path.GetFileName(path)} line {x.Line}";
            var prompt = RequireString(x.Row, "prompt", where);
            var response = x.Row["response"] switch
            {
                null => null,
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                _ => throw new EvalInputException($"{where}: field 'response' must be a string or null"),
            };
            return new IfEvalResponseRow(prompt, response);
        })];

    /// <summary>Parses one input row; <paramref name="where"/> prefixes error messages.</summary>
    public static IfEvalPrompt ParsePrompt(JsonObject row, string where)
    {
        if (row["key"] is not JsonValue keyNode || !keyNode.TryGetValue<long>(out var key))
            throw new EvalInputException($"{where}: field 'key' must be an integer");
        var prompt = RequireString(row, "prompt", where);
        if (row["instruction_id_list"] is not JsonArray ids)
            throw new EvalInputException($"{where}: field 'instruction_id_list' must be a list of strings");
        var idList = ids.Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new EvalInputException($"{where}: field 'instruction_id_list' must be a list of strings")).ToList();
        var kwargs = row["kwargs"] switch
        {
            null => idList.Select(_ => (JsonObject?)null).ToList(),
            JsonArray a when a.Count == idList.Count => a.Select(n => n switch
            {
                null => null,
                JsonObject o => o,
                _ => throw new EvalInputException($"{where}: field 'kwargs' must be a list of objects"),
            }).ToList(),
            JsonArray a => throw new EvalInputException(
                $"{where}: field 'kwargs' has {a.Count} entries but 'instruction_id_list' has {idList.Count}"),
            _ => throw new EvalInputException($"{where}: field 'kwargs' must be a list of objects"),
        };
        return new IfEvalPrompt(key, prompt, idList, kwargs) { Source = where };
    }

    private static string RequireString(JsonObject row, string field, string where) =>
        row[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new EvalInputException($"{where}: field '{field}' must be a string");

    private static IEnumerable<(int Line, JsonObject Row)> ReadLines(string path)
    {
        if (!File.Exists(path)) throw new EvalInputException($"{path}: file not found");
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                throw new EvalInputException($"{Path.GetFileName(path)} line {line}: invalid JSON ({e.Message})", e);
            }
            yield return node is JsonObject o
                ? (line, o)
                : throw new EvalInputException($"{Path.GetFileName(path)} line {line}: expected a JSON object");
        }
    }
}
