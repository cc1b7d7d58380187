namespace EvalHarness.Core.Text;

/// <summary>Splits text into sentences, the way IFEval's <c>count_sentences</c> and <c>word_tokenize</c> need.</summary>
internal interface ISentenceSplitter
{
    /// <summary><c>"reference"</c> for NLTK Punkt with the loaded English model, <c>"builtin"</c> for the approximation.</summary>
    string Mode { get; }

    /// <summary>The sentences of <paramref name="text"/>, in order (Punkt: <c>tokenize(text)</c>).</summary>
    IReadOnlyList<string> Split(string text);
}
