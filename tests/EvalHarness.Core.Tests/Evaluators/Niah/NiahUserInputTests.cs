using System.Text;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Text;
using EvalHarness.Core.Text.Haystack;
using static EvalHarness.Core.Tests.Evaluators.Niah.NiahTestData;

namespace EvalHarness.Core.Tests.Evaluators.Niah;

public sealed class NiahUserInputTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "niah-tests-" + Guid.NewGuid().ToString("N"));

    public NiahUserInputTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public async Task FilesHaystackUsesTheFilesInOrdinalOrderAndFits()
    {
        Write("b.txt", "Second file opens here. It talks about boats!\r\nAnd it ends \"quietly.\"");
        Write("A.txt", "First file. It is short? Yes.\n\nA new paragraph starts without a full stop\n\nThen more.");
        Write("ignored.md", "Not a text file.");
        var text = FileHaystack.LoadText(_dir);
        Assert.StartsWith("First file.", text, StringComparison.Ordinal); // 'A' < 'b' ordinally
        Assert.DoesNotContain("Not a text file", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);

        var samples = await Samples(Request(3, ("haystack", "files:" + _dir), ("context_lengths", "1500"), ("depths", "0,50,100")));
        foreach (var s in samples)
        {
            Assert.Equal("files", (string)s.Labels["haystack_kind"]!);
            var recount = O200kTokenizer.Shared.CountTokens(s.Messages[0].Content);
            Assert.Equal(recount, Int(s, "context_tokens"));
            Assert.InRange(recount, 1500 - 7, 1500);
            Assert.True(Double(s, "depth_percent") <= Double(s, "depth_percent_target"));
        }
        Assert.Contains("First file. It is short? Yes.", samples[2].Messages[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public void SentencesSplitAtTerminalsAndBlankLines()
    {
        const string text = "One. Two? \"Three!\" Four\n\nFive";
        var (starts, ends) = FileHaystack.SplitSentences(text);
        Assert.Equal(["One.", "Two?", "\"Three!\"", "Four", "Five"], starts.Zip(ends, (a, b) => text[a..b]));
    }

    [Fact]
    public void HugeWordsAndWhitespaceRunsAreRejected()
    {
        Write("a.txt", "ok " + new string('x', FileHaystack.MaxRun + 1));
        var e = Assert.Throws<EvalInputException>(() => FileHaystack.LoadText(_dir));
        Assert.Contains("non-whitespace", e.Message, StringComparison.Ordinal);
        Assert.Throws<EvalInputException>(() => FileHaystack.LoadText(Path.Combine(_dir, "missing")));
    }

    [Fact]
    public async Task TemplateFileReplacesTheWording()
    {
        var path = Write("t.json", """
            {"needle": "The secret {type} of {key} is {value}.",
             "question_one": "Which {type} belongs to {key}?",
             "intro_singular": "Remember the secret {type}."}
            """);
        var s = Assert.Single(await Samples(Request(3, ("template_file", path), ("context_lengths", "1000"), ("depths", "50"))));
        var content = s.Messages[0].Content;
        var key = (string)s.Truth["queried_keys"]![0]!;
        Assert.StartsWith("Remember the secret number.\n", content, StringComparison.Ordinal);
        Assert.EndsWith($"\nWhich number belongs to {key}?", content, StringComparison.Ordinal);
        Assert.Contains($"The secret number of {key} is {(string)s.Truth["expected_values"]![0]!}.", content, StringComparison.Ordinal);
        Assert.Equal(1000, Int(s, "context_tokens"));
    }

    [Fact]
    public void BadTemplateFilesAreInputErrors()
    {
        var unknown = Write("u.json", """{"needel": "x {value}"}""");
        Assert.Throws<EvalInputException>(() => NiahTemplate.Load(unknown));
        var noValue = Write("v.json", """{"needle": "no value here"}""");
        Assert.Throws<EvalInputException>(() => NiahTemplate.Load(noValue));
        Assert.Throws<EvalInputException>(() => NiahTemplate.Load(Path.Combine(_dir, "none.json")));
    }
}
