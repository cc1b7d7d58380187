using System.Text.RegularExpressions;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Text;
using static EvalHarness.Core.Tests.Evaluators.Niah.NiahTestData;

namespace EvalHarness.Core.Tests.Evaluators.Niah;

public sealed partial class NiahEvaluatorTests
{
    [Fact]
    public void SmokeGridIsThreeLengthsByThreeDepths()
    {
        var samples = Smoke;
        Assert.Equal(
            ["ctx=1000;depth=0;i=0", "ctx=1000;depth=50;i=0", "ctx=1000;depth=100;i=0", "ctx=4000;depth=0;i=0", "ctx=4000;depth=50;i=0",
             "ctx=4000;depth=100;i=0", "ctx=16000;depth=0;i=0", "ctx=16000;depth=50;i=0", "ctx=16000;depth=100;i=0"],
            samples.Select(s => s.Id));
        Assert.All(samples, s =>
        {
            Assert.Equal("niah", s.Eval);
            Assert.Equal(s.Id[..s.Id.LastIndexOf(";i=", StringComparison.Ordinal)], s.Group);
            Assert.Equal(s.Group, s.Cluster);
            Assert.Equal(128, s.MaxOutputTokens);
            Assert.Equal(0.0, s.Temperature);
            var message = Assert.Single(s.Messages);
            Assert.Equal("user", message.Role);
        });
    }

    [Fact]
    public void EverySmokeSampleHasTheTargetLengthByAnIndependentRecount()
    {
        foreach (var s in Smoke)
        {
            var target = Int(s, "context_tokens_target");
            var actual = O200kTokenizer.Shared.CountTokens(s.Messages[0].Content);
            Assert.Equal(actual, Int(s, "context_tokens"));
            Assert.InRange(actual, target - Math.Min(256, target / 200), target);
        }
    }

    [Fact]
    public void NeedleAppearsOnceAtTheFloorSentenceBoundary()
    {
        var tokenizer = O200kTokenizer.Shared;
        foreach (var s in Smoke)
        {
            var content = s.Messages[0].Content;
            var value = (string)s.Truth["expected_values"]![0]!;
            var needle = $"One of the special numbers for {(string)s.Truth["queried_keys"]![0]!} is: {value}.";
            Assert.Equal(1, Regex.Count(content, Regex.Escape(needle)));
            Assert.Equal(1, Regex.Count(content, value));

            var lines = content.Split('\n');
            var intro = lines[0];
            var question = lines[^1];
            Assert.StartsWith("Question: ", question, StringComparison.Ordinal);
            var hayWithNeedle = content[(intro.Length + 1)..^(question.Length + 1)];
            var at = hayWithNeedle.IndexOf(needle, StringComparison.Ordinal);
            var before = hayWithNeedle[..at].TrimEnd(' ');
            var after = hayWithNeedle[(at + needle.Length)..];
            var haystack = at == 0 ? after.TrimStart(' ') : before + after;
            var hayTokens = tokenizer.CountTokens(haystack);
            Assert.Equal(Int(s, "haystack_tokens"), hayTokens);

            var target = Double(s, "depth_percent_target");
            var tokensBefore = tokenizer.CountTokens(before);
            Assert.Equal(Math.Round(100.0 * tokensBefore / hayTokens, 2), Double(s, "depth_percent"));
            Assert.True(tokensBefore <= target / 100 * hayTokens, $"{s.Id}: {tokensBefore} tokens before the needle");
            if (target == 0) Assert.Equal(0, at);
            if (target == 100) Assert.Equal("", after);
            else
            {
                // The next sentence would cross the target: the needle is within one sentence of it.
                var next = Regex.Match(after, @"^(?:\s)+[^.]*\.").Value;
                Assert.True(tokensBefore + tokenizer.CountTokens(next) > target / 100 * hayTokens, $"{s.Id}: not the last fitting boundary");
            }

            // needle_token_index: the first token of the needle, by counting the prefix.
            var needleStart = content.IndexOf(needle, StringComparison.Ordinal);
            var prefix = content[..needleStart];
            if (prefix.EndsWith(' ')) prefix = prefix[..^1];
            Assert.Equal(tokenizer.CountTokens(prefix), Int(s, "needle_token_index"));
        }
    }

    [Fact]
    public async Task SameSeedGivesByteIdenticalPromptsAndAnotherSeedDoesNot()
    {
        var options = new[] { ("context_lengths", "2000"), ("depths", "30,70") };
        var a = await Samples(Request(7, options));
        var b = await Samples(Request(7, options));
        var c = await Samples(Request(8, options));
        Assert.Equal(a.Select(s => s.Messages[0].Content), b.Select(s => s.Messages[0].Content));
        Assert.Equal(a.Select(s => s.Truth.ToJsonString()), b.Select(s => s.Truth.ToJsonString()));
        Assert.Equal(a.Select(s => s.Labels.ToJsonString()), b.Select(s => s.Labels.ToJsonString()));
        Assert.All(a.Zip(c), p => Assert.NotEqual(p.First.Messages[0].Content, p.Second.Messages[0].Content));
    }

    [Fact]
    public void LabelsCarryTheSpecColumnsKnownBeforeScoring()
    {
        var s = Smoke[4];
        string[] known =
        [
            "context_tokens_target", "context_tokens", "haystack_tokens", "depth_percent_target", "depth_percent",
            "needle_token_index", "n_needles", "n_keys", "n_values", "n_queries", "task", "haystack_kind", "key_type",
            "value_type", "expected_values", "seed", "haystack_sha256", "tokenizer",
        ];
        Assert.Equal(known, s.Labels.Select(p => p.Key));
        Assert.Equal("single", (string)s.Labels["task"]!);
        Assert.Equal("essay", (string)s.Labels["haystack_kind"]!);
        Assert.Equal("o200k_base", (string)s.Labels["tokenizer"]!);
        Assert.Matches("^[0-9a-f]{64}$", (string)s.Labels["haystack_sha256"]!);
        Assert.Matches("^[1-9][0-9]{6}$", (string)s.Labels["expected_values"]!);
        var columns = new NiahModule().Columns.Select(c => c.SourceKey).ToList();
        Assert.Equal(23, columns.Count);
        Assert.All(known, k => Assert.Contains(k, columns));
    }

    [Fact]
    public void ContextsOfOneSeedShareTheirLeadingText()
    {
        // depth 100 puts the needle last, so the haystacks are prefixes of the same master text
        var shortHay = Smoke[2].Messages[0].Content;
        var longHay = Smoke[5].Messages[0].Content;
        var introEnd = shortHay.IndexOf('\n', StringComparison.Ordinal);
        Assert.Equal(shortHay[..(introEnd + 2000)], longHay[..(introEnd + 2000)]);
    }
}
