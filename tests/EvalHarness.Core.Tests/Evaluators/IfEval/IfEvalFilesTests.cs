using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.IfEval;

namespace EvalHarness.Core.Tests.Evaluators.IfEval;

/// <summary>Official file formats (spec §2.1): bad rows name file, line and field; a null response is empty.</summary>
public sealed class IfEvalFilesTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("ifeval-files-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void ScoresFilesAndTreatsNullResponseAsEmpty()
    {
        var input = Write("input_data.jsonl",
            """{"key": 1, "prompt": "p1", "instruction_id_list": ["punctuation:no_comma"], "kwargs": [{}]}""",
            "",
            """{"key": 2, "prompt": "p2", "instruction_id_list": ["punctuation:no_comma"], "kwargs": [{}]}""");
        var responses = Write("responses.jsonl", """{"prompt": "p2", "response": null}""", """{"prompt": "p1", "response": "fine"}""");
        var results = new IfEvalScorer(new FakeTools()).ScoreFiles(input, responses);
        Assert.Equal([1L, 2L], results.Select(r => r.Key));
        Assert.True(results[0].PromptStrict);
        Assert.False(results[1].PromptLoose);
    }

    [Theory]
    [InlineData("""{"key": 1, "prompt": "p", "instruction_id_list": ["punctuation:no_comma"]""", "line 2", "invalid JSON")]
    [InlineData("""{"key": "one", "prompt": "p", "instruction_id_list": [], "kwargs": []}""", "line 2", "'key'")]
    [InlineData("""{"key": 1, "instruction_id_list": [], "kwargs": []}""", "line 2", "'prompt'")]
    [InlineData("""{"key": 1, "prompt": "p", "instruction_id_list": ["a:b", "c:d"], "kwargs": [{}]}""", "line 2", "'kwargs'")]
    public void BadInputRowsNameFileLineAndField(string badRow, string line, string field)
    {
        var path = Write("input_data.jsonl", """{"key": 0, "prompt": "ok", "instruction_id_list": [], "kwargs": []}""", badRow);
        var e = Assert.Throws<EvalInputException>(() => IfEvalFiles.ReadInput(path));
        Assert.Contains("input_data.jsonl", e.Message);
        Assert.Contains(line, e.Message);
        Assert.Contains(field, e.Message);
    }

    [Fact]
    public void BadKwargsNameTheInstructionIndex()
    {
        var input = Write("input_data.jsonl",
            """{"key": 9, "prompt": "p", "instruction_id_list": ["punctuation:no_comma", "length_constraints:number_words"], "kwargs": [{}, {"num_words": 5}]}""");
        var responses = Write("responses.jsonl", """{"prompt": "p", "response": "x"}""");
        var e = Assert.Throws<EvalInputException>(() => new IfEvalScorer(new FakeTools()).ScoreFiles(input, responses));
        Assert.Contains("input_data.jsonl line 1: kwargs[1]", e.Message);
        Assert.Contains("'relation'", e.Message);
    }
}
