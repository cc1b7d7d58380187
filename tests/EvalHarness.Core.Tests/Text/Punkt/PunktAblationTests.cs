using EvalHarness.Core.Text.Punkt;

namespace EvalHarness.Core.Tests.Text.Punkt;

// Spec §8 ablation: emptying one table of the model changes 5 (ORTHO), 21 (ABBREV), 1 (COLLOC) and 2 (STARTERS)
// of the 541 GPT-4 sentence counts, which checks that each table is consulted exactly where nltk consults it.
public sealed class PunktAblationTests
{
    [Theory]
    [InlineData("ortho", 5)]
    [InlineData("abbrev", 21)]
    [InlineData("colloc", 1)]
    [InlineData("starters", 2)]
    public void EmptyingATableChangesTheSpecsNumberOfCounts(string table, int expectedChanged)
    {
        var full = PunktSentenceTokenizerTests.Tokenizer();
        var m = full.Model;
        var ortho = table == "ortho" ? new Dictionary<string, int>() : OrthoOf(m);
        var ablated = new PunktSentenceTokenizer(new PunktModel(
            table == "abbrev" ? [] : m.AbbrevTypes,
            table == "colloc" ? [] : m.Collocations,
            table == "starters" ? [] : m.SentStarters,
            ortho));
        var changed = IfevalCorpus.Responses().Count(r => full.CountSentences(r) != ablated.CountSentences(r));
        Assert.Equal(expectedChanged, changed);
    }

    private static Dictionary<string, int> OrthoOf(PunktModel model)
    {
        // The model exposes lookups only; reload the table file for the copy.
        var path = Path.Combine(model.SourceDirectory!, "ortho_context.tab");
        return File.ReadLines(path).Where(l => l.Length > 0)
            .Select(l => (Type: l[..l.LastIndexOf('\t')], Flags: int.Parse(l[(l.LastIndexOf('\t') + 1)..], System.Globalization.CultureInfo.InvariantCulture)))
            .ToDictionary(x => x.Type, x => x.Flags, StringComparer.Ordinal);
    }
}
