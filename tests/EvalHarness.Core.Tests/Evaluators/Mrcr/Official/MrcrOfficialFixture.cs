using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators.Mrcr;
using EvalHarness.Core.Evaluators.Mrcr.Generation;
using Parquet;
using Parquet.Schema;

namespace EvalHarness.Core.Tests.Evaluators.Mrcr.Official;

/// <summary>Rows in the official schema, built from generated conversations, written as parquet or JSONL by the test.</summary>
internal sealed record OfficialRow(string Prompt, string Answer, string Hash, long NNeedles, long DesiredMsgIndex, long TotalMessages, long NChars, string DateAdded)
{
    public static OfficialRow FromGenerated(ulong seed, int n, MrcrBin bin, string date = "04-11-2025")
    {
        var c = new MrcrConversationGenerator().Generate(seed, n, bin);
        var list = new JsonArray();
        foreach (var m in c.Messages) list.Add(new JsonObject { ["role"] = m.Role, ["content"] = m.Content });
        return new OfficialRow(list.ToJsonString(), c.Answer, c.Hash, n, c.DesiredMsgIndex, c.Messages.Count, c.NChars, date);
    }

    public JsonObject ToJson() => new()
    {
        ["prompt"] = Prompt, ["answer"] = Answer, ["random_string_to_prepend"] = Hash, ["n_needles"] = NNeedles,
        ["desired_msg_index"] = DesiredMsgIndex, ["total_messages"] = TotalMessages, ["n_chars"] = NChars, ["date_added"] = DateAdded,
    };
}

internal static class MrcrOfficialFixture
{
    /// <summary>The official column order and types as pyarrow writes them from pandas: optional strings and int64s.</summary>
    public static readonly DataField<string> Prompt = new("prompt", true);
    public static readonly DataField<string> Answer = new("answer", true);
    public static readonly DataField<string> Hash = new("random_string_to_prepend", true);
    public static readonly DataField<long?> NNeedles = new("n_needles", true);
    public static readonly DataField<long?> Desired = new("desired_msg_index", true);
    public static readonly DataField<long?> Total = new("total_messages", true);
    public static readonly DataField<long?> NChars = new("n_chars", true);
    public static readonly DataField<string> Date = new("date_added", true);

    public static async Task WriteParquetAsync(string path, IReadOnlyList<OfficialRow> rows, int rowGroupSize, CancellationToken ct, CompressionMethod compression = CompressionMethod.Snappy)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var schema = new ParquetSchema(Prompt, Answer, Hash, NNeedles, Desired, Total, NChars, Date);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = compression }, false, ct);
        for (var start = 0; start < rows.Count; start += rowGroupSize)
        {
            var chunk = rows.Skip(start).Take(rowGroupSize).ToList();
            using var rg = writer.CreateRowGroup();
            await rg.WriteAsync(Prompt, chunk.Select(r => r.Prompt).ToList());
            await rg.WriteAsync(Answer, chunk.Select(r => r.Answer).ToList());
            await rg.WriteAsync(Hash, chunk.Select(r => r.Hash).ToList());
            await rg.WriteAsync<long>(NNeedles, chunk.Select(r => (long?)r.NNeedles).ToArray().AsMemory(), null, null, ct);
            await rg.WriteAsync<long>(Desired, chunk.Select(r => (long?)r.DesiredMsgIndex).ToArray().AsMemory(), null, null, ct);
            await rg.WriteAsync<long>(Total, chunk.Select(r => (long?)r.TotalMessages).ToArray().AsMemory(), null, null, ct);
            await rg.WriteAsync<long>(NChars, chunk.Select(r => (long?)r.NChars).ToArray().AsMemory(), null, null, ct);
            await rg.WriteAsync(Date, chunk.Select(r => r.DateAdded).ToList());
        }
    }

    public static void WriteJsonl(string path, IEnumerable<OfficialRow> rows) =>
        File.WriteAllLines(path, rows.Select(r => r.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = false })));

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mrcr-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
