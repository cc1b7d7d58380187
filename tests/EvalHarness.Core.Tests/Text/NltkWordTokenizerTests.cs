using EvalHarness.Core.Text;
using EvalHarness.Core.Text.Punkt;

namespace EvalHarness.Core.Tests.Text;

// Expected tokens: spec §4.21/§5.3 (contractions, punctuation, quotes) as nltk 3.8's word_tokenize produces them.
public sealed class NltkWordTokenizerTests
{
    [Theory]
    [InlineData("I DON'T KNOW.", new[] { "I", "DO", "N'T", "KNOW", "." })]
    [InlineData("WE CANNOT GO", new[] { "WE", "CAN", "NOT", "GO" })]
    [InlineData("I'M GONNA WIN", new[] { "I", "'M", "GON", "NA", "WIN" })]
    [InlineData("WANNA GO? GIMME IT", new[] { "WAN", "NA", "GO", "?", "GIM", "ME", "IT" })]
    [InlineData("IT'S NASA's CAN'T", new[] { "IT", "'S", "NASA", "'s", "CA", "N'T" })]
    [InlineData("U.S.A. and T-SHIRT, AND/OR 3D", new[] { "U.S.A.", "and", "T-SHIRT", ",", "AND/OR", "3D" })]
    [InlineData("\"Hello,\" she said.", new[] { "``", "Hello", ",", "''", "she", "said", "." })]
    [InlineData("(a) [b] {c} <d>", new[] { "(", "a", ")", "[", "b", "]", "{", "c", "}", "<", "d", ">" })]
    [InlineData("wait--what *now* $5 #1 @me;", new[] { "wait", "--", "what", "*", "now", "*", "$", "5", "#", "1", "@", "me", ";" })]
    [InlineData("'Tis fine... really", new[] { "'T", "is", "fine", "...", "really" })]
    [InlineData("a 3,000 b: c", new[] { "a", "3,000", "b", ":", "c" })]
    [InlineData("I'm sure NASA's data", new[] { "I", "'m", "sure", "NASA", "'s", "data" })]
    [InlineData("'hello' he said", new[] { "'hello", "'", "he", "said" })]
    [InlineData("“Quoted” text", new[] { "“", "Quoted", "”", "text" })]
    // Each rule is skipped when its guard literal is absent; these reach the remaining contraction guards.
    [InlineData("I gotta go", new[] { "I", "got", "ta", "go" })]
    [InlineData("Lemme see", new[] { "Lem", "me", "see" })]
    [InlineData("'Twas good", new[] { "'T", "was", "good" })]
    [InlineData("GoNNa CaNnOt", new[] { "GoN", "Na", "CaN", "nOt" })]
    public void TokenizesLikeNltk(string sentence, string[] expected) => Assert.Equal(expected, NltkWordTokenizer.TokenizeSentence(sentence));

    [Fact]
    public void SplitsSentencesFirst()
    {
        // Without the sentence split the first period would stay attached ("ONE." is not sentence-final in the whole text).
        var tokens = NltkWordTokenizer.Tokenize("ONE. TWO.", new ApproximateSentenceSplitter());
        Assert.Equal(["ONE", ".", "TWO", "."], tokens);
    }
}
