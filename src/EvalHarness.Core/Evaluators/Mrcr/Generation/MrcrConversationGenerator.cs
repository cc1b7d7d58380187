using System.Text;
using EvalHarness.Core.Text;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Evaluators.Mrcr.Generation;

/// <summary>
/// Builds MRCR-style conversations: a few-shot preamble, (request, reply) pairs in which the same
/// <c>write a {format} about {topic}</c> request appears n times with distinct replies, distractors (other formats on
/// the same topic, the same format on other topics, unrelated pairs) and the final question. The conversation is
/// sized so that o200k tokens of prompt + answer contents land inside the requested bin. Each message is counted once
/// and the counts are summed (the card's measure has no chat-format overhead), so fitting costs one tokenizer pass.
/// </summary>
internal sealed class MrcrConversationGenerator(Func<string, int> countTokens)
{
    private const string HashAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public const string PreambleStart = "Here are some examples of conversations succeeded by a follow-up question answered correctly:";

    public MrcrConversationGenerator() : this(O200kTokenizer.Shared.CountTokens)
    {
    }

    /// <summary>
    /// One conversation whose token count lies in (lo, hi] (or [lo, hi] for the card's first bin), capped by
    /// <paramref name="maxTokens"/>. Deterministic for <paramref name="seed"/>.
    /// </summary>
    public MrcrConversation Generate(ulong seed, int nNeedles, MrcrBin bin, int? maxTokens = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nNeedles, 1);
        var hi = maxTokens is { } cap ? Math.Min(bin.Hi, cap) : bin.Hi;
        var width = hi - bin.Lo;
        if (width < 2048) throw new ArgumentException($"bin {bin.Label} capped at {hi} tokens leaves too little room for a conversation");

        var rng = new SplitMix64(seed);
        var formats = MrcrVocabulary.Formats;
        var topics = MrcrVocabulary.Topics;
        var format = rng.Pick(formats);
        var topic = rng.Pick(topics);
        var hash = Hash(rng);
        var k = rng.NextInclusive(1, nNeedles);

        // Replies stay well under 15% of the bin width, so one more pair never jumps past the upper edge.
        var maxSize = Math.Clamp(width / 450, 3, 14);
        var seen = new HashSet<string>(StringComparer.Ordinal); // membership only, never iterated
        var needleRequest = MrcrQuestion.Request(format, topic);
        var needles = new string[nNeedles];
        for (var i = 0; i < nNeedles; i++) needles[i] = DistinctReply(format, topic, maxSize, rng, seen);

        var answer = hash + needles[k - 1];
        var question = MrcrQuestion.Format(hash, k, format, topic);
        var preamble = Preamble(rng, seen);
        var requestTokens = new Dictionary<string, int>(StringComparer.Ordinal);

        long total = countTokens(preamble) + countTokens(question) + countTokens(answer);
        var needleRequestTokens = RequestTokens(needleRequest, requestTokens);
        foreach (var needle in needles) total += needleRequestTokens + countTokens(needle);

        var margin = (int)(width * 0.15);
        var target = bin.Lo + margin + rng.Next(width - 2 * margin);
        if (total > target) throw new InvalidOperationException($"needles alone exceed the target of bin {bin.Label}");

        var haystack = new List<(string Request, string Reply)>();
        var failures = 0;
        while (total < target)
        {
            var (f, t) = Distractor(format, topic, rng);
            var request = MrcrQuestion.Request(f, t);
            var reply = DistinctReply(f, t, maxSize, rng, seen);
            var pair = RequestTokens(request, requestTokens) + countTokens(reply);
            if (total + pair > hi)
            {
                // Defensive: a pair that would cross the upper edge is dropped; the margin makes this rare.
                if (++failures > 100) throw new InvalidOperationException($"cannot fit bin {bin.Label}");
                continue;
            }
            haystack.Add((request, reply));
            total += pair;
        }

        var slots = haystack.Count + nNeedles;
        var isNeedle = ChooseSlots(slots, nNeedles, rng);
        var messages = new List<ChatMessage>(2 * slots + 2) { new("user", preamble) };
        int desired = -1, needleIndex = 0, hayIndex = 0;
        for (var s = 0; s < slots; s++)
        {
            if (isNeedle[s])
            {
                if (needleIndex == k - 1) desired = messages.Count;
                messages.Add(new ChatMessage("user", needleRequest));
                messages.Add(new ChatMessage("assistant", needles[needleIndex++]));
            }
            else
            {
                var (request, reply) = haystack[hayIndex++];
                messages.Add(new ChatMessage("user", request));
                messages.Add(new ChatMessage("assistant", reply));
            }
        }
        messages.Add(new ChatMessage("user", question));

        long nChars = 0;
        foreach (var m in messages) nChars += CodePoints.Count(m.Content);
        return new MrcrConversation(messages, answer, hash, nNeedles, desired, format, topic, k, checked((int)total), nChars);
    }

    private int RequestTokens(string request, Dictionary<string, int> cache)
    {
        if (!cache.TryGetValue(request, out var n)) cache[request] = n = countTokens(request);
        return n;
    }

    private static string DistinctReply(string format, string topic, int maxSize, SplitMix64 rng, HashSet<string> seen)
    {
        while (true)
        {
            var reply = MrcrReplyWriter.Write(format, topic, rng.NextInclusive(2, maxSize), rng);
            if (seen.Add(reply)) return reply;
        }
    }

    /// <summary>Other formats on the needle topic, the needle format on other topics, or an unrelated pair.</summary>
    private static (string Format, string Topic) Distractor(string format, string topic, SplitMix64 rng)
    {
        while (true)
        {
            var roll = rng.Next(10);
            var f = roll < 4 ? rng.Pick(MrcrVocabulary.Formats) : roll < 8 ? format : rng.Pick(MrcrVocabulary.Formats);
            var t = roll < 4 ? topic : rng.Pick(MrcrVocabulary.Topics);
            if (!string.Equals(f, format, StringComparison.Ordinal) || !string.Equals(t, topic, StringComparison.Ordinal)) return (f, t);
        }
    }

    /// <summary>Marks <paramref name="count"/> distinct slots out of <paramref name="slots"/> (Floyd's sampling).</summary>
    private static bool[] ChooseSlots(int slots, int count, SplitMix64 rng)
    {
        var chosen = new bool[slots];
        for (var j = slots - count; j < slots; j++)
        {
            var t = rng.Next(j + 1);
            chosen[chosen[t] ? j : t] = true;
        }
        return chosen;
    }

    private static string Hash(SplitMix64 rng)
    {
        Span<char> chars = stackalloc char[10];
        for (var i = 0; i < chars.Length; i++) chars[i] = HashAlphabet[rng.Next(HashAlphabet.Length)];
        return new string(chars);
    }

    /// <summary>The card's opening sentence, then two worked examples written by the reply generator.</summary>
    private static string Preamble(SplitMix64 rng, HashSet<string> seen)
    {
        var sb = new StringBuilder(PreambleStart);
        for (var e = 0; e < 2; e++)
        {
            var format = rng.Pick(MrcrVocabulary.Formats);
            var topic = rng.Pick(MrcrVocabulary.Topics);
            var other = rng.Pick(MrcrVocabulary.Formats);
            var first = DistinctReply(format, topic, 2, rng, seen);
            var middle = DistinctReply(other, topic, 2, rng, seen);
            var second = DistinctReply(format, topic, 2, rng, seen);
            var hash = Hash(rng);
            var k = rng.NextInclusive(1, 2);
            sb.Append("\n\n======EXAMPLE======\n");
            sb.Append("User: ").Append(MrcrQuestion.Request(format, topic)).Append("\nAssistant: ").Append(first).Append('\n');
            sb.Append("User: ").Append(MrcrQuestion.Request(other, topic)).Append("\nAssistant: ").Append(middle).Append('\n');
            sb.Append("User: ").Append(MrcrQuestion.Request(format, topic)).Append("\nAssistant: ").Append(second).Append('\n');
            sb.Append("User: ").Append(MrcrQuestion.Format(hash, k, format, topic)).Append('\n');
            sb.Append("Assistant: ").Append(hash).Append(k == 1 ? first : second).Append("\n======END EXAMPLE======");
        }
        return sb.ToString();
    }
}
