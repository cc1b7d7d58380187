using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;
using EvalHarness.Core.Reporting;

namespace EvalHarness.Core.Tests.Evaluators;

public sealed class PromptSpillStoreTests
{
    private static EvalSample Sample(string id, params ChatMessage[] messages) => new()
    {
        Id = id,
        Eval = "mrcr",
        Messages = messages,
        Group = "bin=4096-8192",
        Truth = new JsonObject { ["answer"] = "x", ["random_string_to_prepend"] = "aB3" },
        Labels = new JsonObject { ["n_needles"] = 2 },
        MaxOutputTokens = 77,
        Temperature = 0.5,
        Cluster = "c1",
    };

    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "spill-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void ASpilledSampleReadsBackIdenticalAndKeepsEveryOtherField()
    {
        var dir = TempDir();
        try
        {
            using var store = new PromptSpillStore(dir, thresholdChars: 10);
            // A lone surrogate, non-ASCII text, an empty message and a long one: UTF-16 units are stored as they are.
            var big = new string('z', 200_000) + "\uD800 end";
            var original = Sample("a", new ChatMessage("system", "héllo ✓"), new ChatMessage("user", ""), new ChatMessage("assistant", big), new ChatMessage("user", "\uDFFF?"));
            var spilled = store.Spill(original);

            Assert.True(spilled.IsSpilled);
            Assert.False(original.IsSpilled);
            Assert.Equal(original.Messages, spilled.Messages);
            Assert.NotSame(spilled.Messages[2].Content, spilled.Messages[2].Content); // read per use, nothing cached
            Assert.Equal((original.Id, original.Eval, original.Group, original.MaxOutputTokens, original.Temperature, original.Cluster),
                (spilled.Id, spilled.Eval, spilled.Group, spilled.MaxOutputTokens, spilled.Temperature, spilled.Cluster));
            Assert.Equal(original.Truth.ToJsonString(), spilled.Truth.ToJsonString());
            Assert.Equal(original.Labels.ToJsonString(), spilled.Labels.ToJsonString());
            Assert.Same(spilled, store.Spill(spilled));
            Assert.Equal(1, store.Spilled);
            Assert.True(store.Length >= 2L * big.Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void SmallPromptsStayInMemoryAndThresholdZeroSpillsEverything()
    {
        using var store = new PromptSpillStore(thresholdChars: 100);
        var small = Sample("s", new ChatMessage("user", new string('a', 90)));
        Assert.Same(small, store.Spill(small));
        var large = Sample("l", new ChatMessage("user", new string('a', 101)));
        Assert.True(store.Spill(large).IsSpilled);

        using var all = new PromptSpillStore(thresholdChars: 0);
        Assert.True(all.Spill(Sample("t", new ChatMessage("user", "hi"))).IsSpilled);
    }

    [Fact]
    public async Task ManySamplesReadBackCorrectlyFromConcurrentReaders()
    {
        using var store = new PromptSpillStore(thresholdChars: 0);
        var samples = Enumerable.Range(0, 200).Select(i => Sample("s" + i, new ChatMessage("user", new string((char)('a' + (i % 26)), 1000 + i)))).ToList();
        var spilled = samples.Select(store.Spill).ToList();
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), TestContext.Current.CancellationToken, (i, _) =>
        {
            Assert.Equal(samples[i].Messages, spilled[i].Messages);
            return ValueTask.CompletedTask;
        });
    }

    [Fact]
    public void NoFileIsLeftBehind()
    {
        var dir = TempDir();
        try
        {
            var store = new PromptSpillStore(dir, thresholdChars: 0);
            var spilled = store.Spill(Sample("a", new ChatMessage("user", new string('q', 100_000))));
            // Unix: the file has no name from the start (so a crash or a kill leaves nothing); Windows: deleted on close.
            if (!OperatingSystem.IsWindows()) Assert.Empty(Directory.GetFiles(dir));
            Assert.Equal(100_000, spilled.Messages[0].Content.Length);
            store.Dispose();
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TheSamplesHashIsTheSameSpilledOrNotAndEqualsTheHashOfThePromptLines()
    {
        using var store = new PromptSpillStore(thresholdChars: 0);
        var samples = new[]
        {
            Sample("a", new ChatMessage("user", "quote \" backslash \\ newline \n tab \t <html> & é ✓ \uD83D\uDE00")),
            new EvalSample { Id = "b", Eval = "niah", Messages = [new ChatMessage("user", "\uD800 lone")], Group = "g" },
            Sample("c", new ChatMessage("system", "s"), new ChatMessage("user", new string('x', 70_000))),
        };
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var s in samples) sha.AppendData(Encoding.UTF8.GetBytes(PromptsJsonl.ToLine(s) + "\n"));
        var expected = Convert.ToHexStringLower(sha.GetHashAndReset());

        Assert.Equal(expected, PromptsJsonl.Hash(samples));
        Assert.Equal(expected, PromptsJsonl.Hash(samples.Select(store.Spill).ToList()));
    }

    [Fact]
    public void AMissingTempFolderIsAOneLineErrorNamingTheFileAndOnlyOnTheFirstSpill()
    {
        var missing = Path.Combine(Path.GetTempPath(), "spill-missing-" + Guid.NewGuid().ToString("N"));
        using var store = new PromptSpillStore(missing, thresholdChars: 10);
        Assert.Same(Sample("s", new ChatMessage("user", "short")).Id, store.Spill(Sample("s", new ChatMessage("user", "short"))).Id);
        var error = Assert.Throws<Files.CannotWriteException>(() => store.Spill(Sample("l", new ChatMessage("user", new string('a', 100)))));
        Assert.StartsWith(store.FilePath + ": cannot write", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
