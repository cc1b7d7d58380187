using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using C = EvalHarness.Core.Evaluators.Mrcr.Official.MrcrColumns;

namespace EvalHarness.Core.Evaluators.Mrcr.Official;

/// <summary>
/// Streams rows of a JSONL file with the official columns, one object per line. <c>prompt</c> may be the official
/// JSON-serialized string or the list itself. Blank lines are skipped; line numbers in errors are 1-based.
/// </summary>
internal static class MrcrJsonlReader
{
    public static async IAsyncEnumerable<MrcrRow> ReadAsync(
        MrcrSourceFile file, Func<MrcrRowHeader, bool> keep, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file.Path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        long line = -1;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var row = Parse(text, file, line, keep);
            if (row is not null) yield return row;
        }
    }

    private static MrcrRow? Parse(string text, MrcrSourceFile file, long line, Func<MrcrRowHeader, bool> keep)
    {
        var where = $"{file.Path} line {line + 1}";
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new EvalInputException($"{where}: invalid JSON ({e.Message})", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new EvalInputException($"{where}: expected a JSON object");
            var nNeedles = (int)Integer(root, C.NNeedles, where, required: true)!.Value;
            var nChars = Integer(root, C.NChars, where, required: false);
            if (!keep(new MrcrRowHeader(nNeedles, nChars))) return null;

            var prompt = root.TryGetProperty(C.Prompt, out var p) ? p.ValueKind switch
            {
                JsonValueKind.String => p.GetString()!,
                JsonValueKind.Array => p.GetRawText(),
                _ => throw new EvalInputException($"{where}: field '{C.Prompt}' must be a string or a list of messages"),
            } : throw new EvalInputException($"{where}: missing field '{C.Prompt}'");
            return new MrcrRow(
                prompt,
                String(root, C.Answer, where, required: true)!,
                String(root, C.Hash, where, required: true)!,
                nNeedles,
                (int)Integer(root, C.DesiredMsgIndex, where, required: true)!.Value,
                (int)(Integer(root, C.TotalMessages, where, required: false) ?? -1),
                nChars ?? -1,
                String(root, C.DateAdded, where, required: false) ?? "",
                file,
                line);
        }
    }

    private static long? Integer(JsonElement root, string name, string where, bool required)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return required ? throw new EvalInputException($"{where}: missing field '{name}'") : null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)) return i;
        throw new EvalInputException($"{where}: field '{name}' must be an integer");
    }

    private static string? String(JsonElement root, string name, string where, bool required)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return required ? throw new EvalInputException($"{where}: missing field '{name}'") : null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new EvalInputException($"{where}: field '{name}' must be a string");
    }
}
