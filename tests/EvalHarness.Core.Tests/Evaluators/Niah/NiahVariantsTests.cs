using System.Text.RegularExpressions;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Text;
using static EvalHarness.Core.Tests.Evaluators.Niah.NiahTestData;

namespace EvalHarness.Core.Tests.Evaluators.Niah;

public sealed class NiahVariantsTests
{
    private static void AssertExactLength(EvalSample s)
    {
        var target = Int(s, "context_tokens_target");
        var recount = O200kTokenizer.Shared.CountTokens(s.Messages[0].Content);
        Assert.Equal(recount, Int(s, "context_tokens"));
        Assert.InRange(recount, target - NiahOptions.Tolerance(target), target);
    }

    [Fact]
    public async Task MultiKeyPutsTheQueriedNeedleAtTheGridDepthAndSpreadsTheRestAfterIt()
    {
        var samples = await Samples(Request(5, ("task", "multikey"), ("context_lengths", "4000"), ("depths", "20")));
        var s = Assert.Single(samples);
        AssertExactLength(s);
        var needles = s.Truth["needles"]!.AsArray();
        Assert.Equal(4, needles.Count);
        Assert.Equal(4, Int(s, "n_needles"));
        // gkamradt's even spread: d + j * (100 - d) / n for j = 0..3 with d = 20
        Assert.Equal([20.0, 40, 60, 80], needles.Select(n => (double)n!["depth_percent_target"]!));
        var content = s.Messages[0].Content;
        var positions = needles.Select(n => content.IndexOf((string)n!["text"]!, StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        foreach (var (n, p) in needles.Zip(positions))
        {
            // token index of each needle = tokens of the message before it (its leading space belongs to its first token)
            Assert.Equal(O200kTokenizer.Shared.CountTokens(content[..(p - 1)]), (int)n!["token_index"]!);
        }
        Assert.Equal((string)needles[0]!["key"]!, (string)s.Truth["queried_keys"]![0]!);
        Assert.Equal(3, s.Truth["distractor_values"]!.AsArray().Count);
        Assert.Contains("What is the special number for " + (string)needles[0]!["key"]! + " mentioned", content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100", "even")]
    [InlineData("0", "even")]
    [InlineData("60", "random")]
    public async Task NeedlesSharingABoundaryOrPlacedAtRandomKeepExactTokenIndexes(string depth, string spread)
    {
        var s = Assert.Single(await Samples(Request(8, ("task", "multikey"), ("n_keys", "5"), ("context_lengths", "3000"), ("depths", depth), ("multi_needle_spread", spread))));
        AssertExactLength(s);
        var content = s.Messages[0].Content;
        foreach (var n in s.Truth["needles"]!.AsArray())
        {
            var text = (string)n!["text"]!;
            Assert.Equal(1, Regex.Count(content, Regex.Escape(text)));
            var p = content.IndexOf(text, StringComparison.Ordinal);
            var before = content[p - 1] == ' ' ? content[..(p - 1)] : content[..p];
            Assert.Equal(O200kTokenizer.Shared.CountTokens(before), (int)n["token_index"]!);
            Assert.True((double)n["depth_percent"]! <= (double)n["depth_percent_target"]!);
        }
    }

    [Fact]
    public async Task MultiValueAsksForAllValuesOfOneKey()
    {
        var s = Assert.Single(await Samples(Request(5, ("task", "multivalue"), ("value_type", "words"), ("context_lengths", "3000"), ("depths", "50"))));
        AssertExactLength(s);
        Assert.Equal(4, s.Truth["expected_values"]!.AsArray().Count);
        Assert.Contains("What are all the special words for", s.Messages[0].Content, StringComparison.Ordinal);
        Assert.StartsWith("Special words are hidden", s.Messages[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MultiQueryListsTheKeys()
    {
        var s = Assert.Single(await Samples(Request(5, ("task", "multiquery"), ("key_type", "uuids"), ("value_type", "uuids"), ("context_lengths", "3000"), ("depths", "10"))));
        AssertExactLength(s);
        var keys = s.Truth["queried_keys"]!.AsArray().Select(k => (string)k!).ToArray();
        Assert.Equal(4, keys.Length);
        Assert.All(keys, k => Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", k));
        Assert.EndsWith($"for {keys[0]}, {keys[1]}, {keys[2]} and {keys[3]} mentioned in the text above? Answer with the uuids only.", s.Messages[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NeedleHaystackListsItsDistractorsAndKeepsSampleValuesUnique()
    {
        var s = Assert.Single(await Samples(Request(5, ("haystack", "needle"), ("context_lengths", "3000"), ("depths", "50"))));
        AssertExactLength(s);
        Assert.Equal("needle", (string)s.Labels["haystack_kind"]!);
        var content = s.Messages[0].Content;
        var needleSentences = Regex.Matches(content, @"One of the special numbers for ([a-z]+-[a-z]+) is: ([0-9]{7})\.");
        var distractors = s.Truth["distractor_values"]!.AsArray().Select(v => (string)v!).ToArray();
        Assert.Equal(needleSentences.Count - 1, distractors.Length);
        var expected = (string)s.Truth["expected_values"]![0]!;
        Assert.Equal(1, Regex.Count(content, expected));
        Assert.DoesNotContain(expected, distractors);
    }

    [Fact]
    public async Task NeedleHaystackSampleDoesNotDependOnTheOtherLengthsRequested()
    {
        var alone = Assert.Single(await Samples(Request(5, ("haystack", "needle"), ("context_lengths", "2000"), ("depths", "50"))));
        var withLonger = (await Samples(Request(5, ("haystack", "needle"), ("context_lengths", "2000,30000"), ("depths", "50"))))[0];
        Assert.Equal(alone.Messages[0].Content, withLonger.Messages[0].Content);
        // sample numbers have an even digit sum, distractor numbers an odd one, so they can never coincide
        Assert.All(alone.Truth["expected_values"]!.AsArray(), v => Assert.Equal(0, ((string)v!).Sum(c => c - '0') % 2));
        Assert.All(alone.Truth["distractor_values"]!.AsArray(), v => Assert.Equal(1, ((string)v!).Sum(c => c - '0') % 2));
    }

    [Fact]
    public async Task NoiseHaystackFitsExactly()
    {
        var samples = await Samples(Request(5, ("haystack", "noise"), ("context_lengths", "2000,5000"), ("depths", "0,100")));
        Assert.All(samples, AssertExactLength);
        Assert.Contains("The kettle hums on the stove", samples[0].Messages[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulerPresetDrawsADepthPerSample()
    {
        var samples = await Samples(Request(5, ("preset", "ruler"), ("context_lengths", "4096"), ("samples_per_cell", "3")));
        Assert.Equal(["ctx=4096;depth=random;i=0", "ctx=4096;depth=random;i=1", "ctx=4096;depth=random;i=2"], samples.Select(s => s.Id));
        Assert.All(samples, s => Assert.InRange(Double(s, "depth_percent_target"), 0, 100));
        Assert.Equal("ctx=4096;depth=random", samples[0].Group);
    }

    [Fact]
    public async Task LimitStopsEarly()
    {
        // gpt41 reaches 1M tokens; with a limit of 2 only the 1000-token haystack is built (this stays fast).
        var request = new EvalRequest { Seed = 1, Limit = 2, Options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["preset"] = "gpt41" } };
        Assert.Equal(["ctx=1000;depth=0;i=0", "ctx=1000;depth=10;i=0"], (await Samples(request)).Select(s => s.Id));
    }

    [Fact]
    public async Task TooShortAContextIsAnInputError()
    {
        await Assert.ThrowsAsync<EvalInputException>(() => Samples(Request(5, ("context_lengths", "200"), ("task", "multikey"), ("n_keys", "12"))));
    }
}
