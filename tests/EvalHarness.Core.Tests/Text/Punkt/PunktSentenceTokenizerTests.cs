using EvalHarness.Core.Text.Punkt;
using EvalHarness.TestSupport;

namespace EvalHarness.Core.Tests.Text.Punkt;

// Expected values: the behaviours spec §8 states for nltk 3.8's Punkt with the English model.
public sealed class PunktSentenceTokenizerTests
{
    private static readonly Lazy<PunktModel?> SharedModel = new(() =>
    {
        var root = SharedData.RootPath;
        return root is null ? null : PunktModel.TryLoad(Path.Combine(root, "nltk_data"));
    });

    internal static PunktSentenceTokenizer Tokenizer()
    {
        SharedData.RequireFile("nltk_data", "tokenizers", "punkt_tab", "english", "ortho_context.tab");
        return new PunktSentenceTokenizer(SharedModel.Value!);
    }

    [Fact]
    public void LoadsTheFourTables()
    {
        var model = Tokenizer().Model;
        // Sizes from spec §5.2.
        Assert.Equal(156, model.AbbrevTypes.Count);
        Assert.Equal(37, model.Collocations.Count);
        Assert.Equal(39, model.SentStarters.Count);
        Assert.Equal(20366, model.OrthoContextCount);
        Assert.Contains("u.s", model.AbbrevTypes);
        Assert.DoesNotContain("e.g", model.AbbrevTypes);
        Assert.Contains("however", model.SentStarters);
    }

    [Theory]
    [InlineData("See the list, e.g. apples and pears. Then stop.", 3)] // e.g. ends a sentence
    [InlineData("I met Mr. Smith today. He was kind.", 2)]
    [InlineData("He joined the U.S. Army in 1990.", 1)]
    [InlineData("She lives in the U.S. The weather is fine.", 2)]
    [InlineData("J. K. Rowling wrote it.", 1)]
    [InlineData("It was 2020. the year was long.", 1)]
    [InlineData("It was 2020. The year was long.", 2)]
    [InlineData("We met at 5 p.m. the next day.", 1)]
    [InlineData("We met at 5 p.m. The next day was busy.", 2)]
    [InlineData("Wait... what happened?", 1)]
    [InlineData("Wait... What happened?", 1)]
    [InlineData("Pi is 3.14 today.", 1)]
    [InlineData("Hi!How are you?", 1)]
    [InlineData("Really?! Yes.", 2)]
    [InlineData("Stop!! Now.", 2)]
    [InlineData("A heading\nThe text follows here.", 1)] // a newline alone is never a boundary
    [InlineData("", 0)]
    [InlineData("   \n ", 0)]
    public void CountsSentencesLikeNltk(string text, int expected) => Assert.Equal(expected, Tokenizer().CountSentences(text));

    [Fact]
    public void NumberedListGivesTheFirstLabelItsOwnSentence() =>
        Assert.Equal(["1.", "First\n2.", "Second"], Tokenizer().Tokenize("1. First\n2. Second"));

    [Fact]
    public void NoPeriodFiveSplits() => Assert.Equal(2, Tokenizer().CountSentences("He wore No. 5 on his shirt."));

    [Fact]
    public void ClosingQuoteStaysWithTheFirstSentence() =>
        Assert.Equal(["He said \"Stop.\"", "Then he left."], Tokenizer().Tokenize("He said \"Stop.\" Then he left."));

    [Fact]
    public void TrailingWhitespaceIsNotPartOfTheLastSentence() =>
        Assert.Equal(["One.", "Two."], Tokenizer().Tokenize("One. Two.  \n"));

    [Fact]
    public void BreaksInsideMarkdownAndAfterGluedMarks()
    {
        // Spec §8: "**Note.** Next" breaks inside the "**"; "?)," and JSON strings "...!", break right after the mark.
        Assert.Equal(["**Note.", "** Next word."], Tokenizer().Tokenize("**Note.** Next word."));
        Assert.Equal(["Is it (really?", "), yes."], Tokenizer().Tokenize("Is it (really?), yes."));
        Assert.Equal(["{\"a\": \"Buy!", "\", \"b\": 1}"], Tokenizer().Tokenize("{\"a\": \"Buy!\", \"b\": 1}"));
    }
}
