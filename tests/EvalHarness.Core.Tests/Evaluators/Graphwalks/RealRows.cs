using System.Text.Json;
using EvalHarness.TestSupport;

namespace EvalHarness.Core.Tests.Evaluators.Graphwalks;

/// <summary>The 5 real openai/graphwalks rows in ../shared (both wordings), read without any production code.</summary>
internal sealed record RealRow(int RowIndex, string ProblemType, int PromptChars, string[] AnswerNodes, string PromptFixed, string PromptOriginal)
{
    public const string DerivedFile = "graphwalks_5rows_both_prompt_versions.DERIVED.jsonl";

    public static IReadOnlyList<RealRow> Load()
    {
        var path = SharedData.RequireFile("reference", "official-samples", DerivedFile);
        var rows = new List<RealRow>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var e = JsonDocument.Parse(line).RootElement;
            rows.Add(new RealRow(
                e.GetProperty("source_row_index_in_default_train_split").GetInt32(),
                e.GetProperty("problem_type").GetString()!,
                e.GetProperty("prompt_chars").GetInt32(),
                [.. e.GetProperty("answer_nodes").EnumerateArray().Select(x => x.GetString()!)],
                e.GetProperty("prompt_v2026_02_27").GetString()!,
                e.GetProperty("prompt_v2025_04_12_reconstructed").GetString()!));
        }
        Assert.Equal(5, rows.Count);
        return rows;
    }

    /// <summary>Edges cut out of the real prompt by plain string slicing (independent of the production parser).</summary>
    public (string Source, string Target)[] Edges(bool fixedVersion)
    {
        var p = fixedVersion ? PromptFixed : PromptOriginal;
        const string header = "Here is the graph to operate on:\nThe graph has the following edges:\n";
        var start = p.IndexOf(header, StringComparison.Ordinal) + header.Length;
        var end = p.IndexOf("\n\n\nOperation:\n", start, StringComparison.Ordinal);
        return [.. p[start..end].Split('\n').Select(l => l.Split(" -> ")).Select(a => (a[0], a[1]))];
    }

    /// <summary>The operation line of the real prompt.</summary>
    public string OperationLine(bool fixedVersion)
    {
        var p = fixedVersion ? PromptFixed : PromptOriginal;
        var start = p.IndexOf("\n\n\nOperation:\n", StringComparison.Ordinal) + "\n\n\nOperation:\n".Length;
        return p[start..p.IndexOf('\n', start)];
    }
}
