using Microsoft.ML.Tokenizers;

namespace EvalHarness.Core.Text;

/// <summary>
/// o200k_base token counts in ordinary mode (special-token strings count as plain text), as the API counts user content.
/// One shared, thread-safe instance: building the tokenizer costs ~1 s.
/// </summary>
public sealed class O200kTokenizer
{
    public const string EncodingName = "o200k_base";

    private static readonly Lazy<O200kTokenizer> LazyShared = new(() => new O200kTokenizer(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Tokenizer _tokenizer;

    private O200kTokenizer()
    {
        // TODO(niah helper): build without special tokens and with an astral-aware pre-tokenizer (shared/o200k/README.md).
        _tokenizer = TiktokenTokenizer.CreateForEncoding(EncodingName);
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
}
