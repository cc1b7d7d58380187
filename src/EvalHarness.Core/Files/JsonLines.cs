using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;

namespace EvalHarness.Core.Files;

/// <summary>Reads a JSONL file object by object; a bad line is an input error naming the file and line.</summary>
internal static class JsonLines
{
    /// <summary>Each non-blank line as a JSON object with its 1-based line number.</summary>
    public static IEnumerable<(JsonObject Object, int Line)> ReadObjects(string path)
    {
        if (!File.Exists(path)) throw new EvalInputException($"{path}: file not found");
        var lineNo = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonObject? obj;
            try
            {
                obj = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException ex)
            {
                throw new EvalInputException($"{path}:{lineNo}: invalid JSON ({ex.Message.ReplaceLineEndings(" ")})");
            }
            yield return (obj ?? throw new EvalInputException($"{path}:{lineNo}: expected a JSON object"), lineNo);
        }
    }
}
