using System.IO.Compression;
using Microsoft.ML.Tokenizers;

namespace EvalHarness.Core.Text;

/// <summary>
/// o200k_base token counts in ordinary mode (special-token strings count as plain text), as the API counts user content.
/// One shared, thread-safe instance: building the tokenizer costs ~1 s.
/// </summary>
/// <remarks>
/// Built from the vocabulary embedded in Microsoft.ML.Tokenizers.Data.O200kBase with no special tokens
/// (<c>CreateForEncoding</c> would turn <c>&lt;|endoftext|&gt;</c> into one token) and with <see cref="O200kPreTokenizer"/>,
/// which is exact on supplementary characters. Verified against tiktoken's ids in ../shared/o200k/fixtures.
/// </remarks>
public sealed class O200kTokenizer
{
    public const string EncodingName = "o200k_base";

    private const string DataAssemblyName = "Microsoft.ML.Tokenizers.Data.O200kBase";
    private const string VocabResourceName = "o200k_base.tiktoken.deflate";

    private static readonly Lazy<O200kTokenizer> LazyShared = new(() => new O200kTokenizer(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Tokenizer _tokenizer;

    private O200kTokenizer()
    {
        // The data type is internal; the package is referenced, so the assembly loads by name.
        var assembly = System.Reflection.Assembly.Load(new System.Reflection.AssemblyName(DataAssemblyName));
        using var compressed = assembly.GetManifestResourceStream(VocabResourceName)
            ?? throw new InvalidOperationException($"{DataAssemblyName} has no resource {VocabResourceName}");
        using var vocab = new DeflateStream(compressed, CompressionMode.Decompress);
        _tokenizer = TiktokenTokenizer.Create(vocab, new O200kPreTokenizer(), normalizer: null, specialTokens: null);
    }

    public static O200kTokenizer Shared => LazyShared.Value;

    public int CountTokens(string text) => _tokenizer.CountTokens(text);

    public IReadOnlyList<int> EncodeToIds(string text) => _tokenizer.EncodeToIds(text);

    /// <summary>
    /// The char index where the last <paramref name="maxTokens"/> tokens of <paramref name="text"/> begin
    /// (0 when the whole text fits). Used by windowed simulator models.
    /// </summary>
    public int GetStartIndexOfLastTokens(string text, int maxTokens) =>
        _tokenizer.GetIndexByTokenCountFromEnd(text, maxTokens, out _, out _);

    /// <summary>
    /// The char length of the longest prefix of <paramref name="text"/> holding at most <paramref name="maxTokens"/>
    /// tokens, never splitting a token (the whole length when the text fits).
    /// </summary>
    public int GetIndexByTokenCount(string text, int maxTokens) =>
        _tokenizer.GetIndexByTokenCount(text, maxTokens, out _, out _);

    /// <summary>The char offset where each token of <paramref name="text"/> starts, in order.</summary>
    public int[] GetTokenStarts(string text)
    {
        var tokens = _tokenizer.EncodeToTokens(text, out _);
        var starts = new int[tokens.Count];
        for (var i = 0; i < starts.Length; i++) starts[i] = tokens[i].Offset.Start.GetOffset(text.Length);
        return starts;
    }
}
