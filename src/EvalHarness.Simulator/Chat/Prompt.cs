using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Text;
using EvalHarness.Core.Models;

namespace EvalHarness.Simulator.Chat;

/// <summary>A conversation with its o200k token counts and a content hash.</summary>
internal sealed class Prompt
{
    /// <summary>Chat-format overhead OpenAI counts per message (role and separators) and once to prime the reply.</summary>
    public const int TokensPerMessage = 3;
    public const int ReplyPrimingTokens = 3;

    private Prompt(IReadOnlyList<ChatMessage> messages, int[] contentTokens, ulong contentHash, ulong[] blockHashes)
    {
        Messages = messages;
        ContentTokens = contentTokens;
        ContentHash = contentHash;
        PrefixBlockHashes = blockHashes;
        PromptTokens = contentTokens.Sum() + TokensPerMessage * messages.Count + ReplyPrimingTokens;
    }

    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>o200k count of each message's content.</summary>
    public IReadOnlyList<int> ContentTokens { get; }

    public int PromptTokens { get; }

    /// <summary>First 64 bits of SHA-256 over roles and contents: stable across runs, processes and machines.</summary>
    public ulong ContentHash { get; }

    /// <summary>
    /// With block hashing on: a chained hash after each full <see cref="PromptCache.BlockTokens"/>-token block of the
    /// prompt's token sequence (per message: three role/separator tokens, then the content tokens), so equal
    /// prefixes give equal leading entries. Empty otherwise.
    /// </summary>
    public IReadOnlyList<ulong> PrefixBlockHashes { get; }

    public static Prompt Measure(IReadOnlyList<ChatMessage> messages, bool hashPrefixBlocks = false)
    {
        var tokenizer = O200kTokenizer.Shared;
        var counts = new int[messages.Count];
        var blocks = hashPrefixBlocks ? new PrefixBlockHasher() : null;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < messages.Count; i++)
        {
            if (blocks is null)
            {
                counts[i] = tokenizer.CountTokens(messages[i].Content);
            }
            else
            {
                var ids = tokenizer.EncodeToIds(messages[i].Content);
                counts[i] = ids.Count;
                blocks.AddMessage(messages[i].Role, ids);
            }

            AppendField(hash, messages[i].Role);
            AppendField(hash, messages[i].Content);
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return new Prompt(messages, counts, BinaryPrimitives.ReadUInt64LittleEndian(digest), blocks?.Hashes.ToArray() ?? []);
    }

    /// <summary>
    /// The messages a model with a window of <paramref name="windowTokens"/> content tokens sees: the conversation
    /// cut from the front. Counting per message equals cutting the concatenation wherever tokens do not merge across
    /// message boundaries, which they never do in the real chat format (messages are separated by special tokens);
    /// and it reuses the counts already made for usage instead of re-tokenizing a possibly huge concatenation.
    /// Never empty: if nothing fits, the last message's role with empty content.
    /// </summary>
    public IReadOnlyList<ChatMessage> Window(int windowTokens)
    {
        var remaining = windowTokens;
        var first = Messages.Count;
        string? cutContent = null;
        while (first > 0)
        {
            var count = ContentTokens[first - 1];
            if (count <= remaining)
            {
                remaining -= count;
                first--;
                continue;
            }

            if (remaining > 0)
            {
                var content = Messages[first - 1].Content;
                cutContent = content[O200kTokenizer.Shared.GetStartIndexOfLastTokens(content, remaining)..];
                first--;
            }

            break;
        }

        if (first == 0 && cutContent is null) return Messages;
        var visible = new List<ChatMessage>(Messages.Count - first);
        for (var i = first; i < Messages.Count; i++)
        {
            visible.Add(i == first && cutContent is not null ? Messages[i] with { Content = cutContent } : Messages[i]);
        }

        return visible.Count > 0 ? visible : [new ChatMessage(Messages[^1].Role, "")];
    }

    private static void AppendField(IncrementalHash hash, string value)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length) + 4);
        try
        {
            // Length-prefixed so ("ab","c") and ("a","bc") hash differently.
            var length = Encoding.UTF8.GetBytes(value, buffer.AsSpan(4));
            BinaryPrimitives.WriteInt32LittleEndian(buffer, length);
            hash.AppendData(buffer, 0, length + 4);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
