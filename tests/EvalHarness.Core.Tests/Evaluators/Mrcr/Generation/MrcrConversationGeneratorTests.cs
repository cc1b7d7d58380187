using System.Text.RegularExpressions;
using EvalHarness.Core.Evaluators.Mrcr;
using EvalHarness.Core.Evaluators.Mrcr.Generation;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Tests.Evaluators.Mrcr.Generation;

public sealed class MrcrConversationGeneratorTests
{
    private static readonly MrcrConversationGenerator Generator = new();

    public static TheoryData<int, int> NeedlesAndBins()
    {
        var data = new TheoryData<int, int>();
        foreach (var n in new[] { 2, 4, 8 })
        {
            for (var b = 0; b < 5; b++) data.Add(n, b); // bins up to 128K; larger ones in the Slow test
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(NeedlesAndBins))]
    public void ConversationHasTheOfficialStructureAndFitsItsBin(int n, int binIndex)
    {
        var bin = MrcrBin.All[binIndex];
        var c = Generator.Generate((ulong)(1000 + 10 * n + binIndex), n, bin);
        AssertStructure(c, n);

        // Independent recount with the tokenizer over each content (prompt + answer), no chat overhead.
        long tokens = O200kTokenizer.Shared.CountTokens(c.Answer);
        foreach (var m in c.Messages) tokens += O200kTokenizer.Shared.CountTokens(m.Content);
        Assert.Equal(tokens, c.ContextTokens);
        Assert.True(bin.Contains(tokens), $"{tokens} tokens outside bin {bin.Label}");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void LargeBinsFitUpTo1M()
    {
        if (Environment.GetEnvironmentVariable("EVALHARNESS_SLOW") != "1") Assert.Skip("set EVALHARNESS_SLOW=1 for bins above 128K");
        for (var b = 5; b < 8; b++)
        {
            var bin = MrcrBin.All[b];
            var c = Generator.Generate((ulong)b, 2, bin);
            AssertStructure(c, 2);
            long tokens = O200kTokenizer.Shared.CountTokens(c.Answer);
            foreach (var m in c.Messages) tokens += O200kTokenizer.Shared.CountTokens(m.Content);
            Assert.True(bin.Contains(tokens), $"{tokens} tokens outside bin {bin.Label}");
        }
    }

    [Fact]
    public void SameSeedGivesIdenticalConversationAndOtherSeedDiffers()
    {
        var a = Generator.Generate(7, 4, MrcrBin.All[0]);
        var b = Generator.Generate(7, 4, MrcrBin.All[0]);
        var c = Generator.Generate(8, 4, MrcrBin.All[0]);
        Assert.Equal(a.Messages, b.Messages);
        Assert.Equal(a.Answer, b.Answer);
        Assert.NotEqual(a.Answer, c.Answer);
    }

    [Fact]
    public void RepliesAreDistinctAndLookLikeTheirFormat()
    {
        var c = Generator.Generate(99, 8, MrcrBin.All[2]);
        var replies = c.Messages.Where(m => m.Role == "assistant").Select(m => m.Content).ToList();
        Assert.Equal(replies.Count, replies.Distinct(StringComparer.Ordinal).Count());
        for (var i = 1; i + 2 < c.Messages.Count; i += 2)
        {
            var request = c.Messages[i].Content;
            var reply = c.Messages[i + 1].Content;
            if (request.StartsWith("write a poem ", StringComparison.Ordinal))
            {
                var lines = reply.Split('\n').Where(l => l.Length > 0).Skip(1).ToList(); // skip the title
                Assert.True(lines.Count >= 8);
                Assert.All(lines, l => Assert.True(l.Split(' ').Length <= 12, $"long poem line: {l}"));
            }
            else if (request.StartsWith("write a email ", StringComparison.Ordinal))
            {
                Assert.StartsWith("Subject: ", reply, StringComparison.Ordinal);
                Assert.Contains("\n\nDear ", reply, StringComparison.Ordinal);
            }
            else if (request.StartsWith("write a riddle ", StringComparison.Ordinal))
            {
                Assert.EndsWith("What am I?", reply, StringComparison.Ordinal);
            }
        }
    }

    internal static void AssertStructure(MrcrConversation c, int n)
    {
        var msgs = c.Messages;
        Assert.Equal("user", msgs[0].Role);
        Assert.StartsWith("Here are some examples of conversations succeeded by a follow-up question answered correctly:", msgs[0].Content, StringComparison.Ordinal);
        Assert.Contains("======EXAMPLE======", msgs[0].Content, StringComparison.Ordinal);
        Assert.Contains("======END EXAMPLE======", msgs[0].Content, StringComparison.Ordinal);
        Assert.Equal("user", msgs[1].Role); // two consecutive user messages, as in the official rows
        for (var i = 1; i < msgs.Count - 1; i++) Assert.Equal(i % 2 == 1 ? "user" : "assistant", msgs[i].Role);
        Assert.Equal("user", msgs[^1].Role);
        Assert.True(msgs.Count % 2 == 0);

        // Final question, byte-exact template (written out here, not taken from the code under test).
        var m = Regex.Match(msgs[^1].Content,
            @"^Prepend ([A-Za-z0-9]{10}) to the ([1-8])(st|nd|rd|th) \(1 indexed\) (.+) about (.+)\. Do not include any other text in your response\.$");
        Assert.True(m.Success, msgs[^1].Content);
        var k = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        var expectedSuffix = k switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        Assert.Equal(expectedSuffix, m.Groups[3].Value);
        Assert.Equal(c.Hash, m.Groups[1].Value);
        var request = $"write a {m.Groups[4].Value} about {m.Groups[5].Value}";

        var needleIndexes = Enumerable.Range(0, msgs.Count - 1).Where(i => msgs[i].Role == "user" && msgs[i].Content == request).ToList();
        Assert.Equal(n, needleIndexes.Count);
        Assert.True(k <= n);
        Assert.Equal(needleIndexes[k - 1], c.DesiredMsgIndex);
        Assert.Equal(c.Hash + msgs[c.DesiredMsgIndex + 1].Content, c.Answer);
        var needleReplies = needleIndexes.Select(i => msgs[i + 1].Content).ToList();
        Assert.Equal(n, needleReplies.Distinct(StringComparer.Ordinal).Count());

        // Distractors of both kinds are present.
        Assert.Contains(msgs, x => x.Role == "user" && x.Content.EndsWith(" about " + m.Groups[5].Value, StringComparison.Ordinal) && x.Content != request);
        Assert.Contains(msgs, x => x.Role == "user" && x.Content.StartsWith($"write a {m.Groups[4].Value} about ", StringComparison.Ordinal) && x.Content != request);
        Assert.Equal(msgs.Sum(x => (long)x.Content.Length), c.NChars);
    }
}
