using EvalHarness.Core.Text;
using EvalHarness.TestSupport;

namespace EvalHarness.Core.Tests.Text;

public sealed class IfevalTextModelsTests
{
    [Fact]
    public void PicksTheReferenceImplementationsWhenTheirDataIsFound()
    {
        var nltkData = SharedData.RequireFile("nltk_data");
        var profiles = SharedData.RequireFile("langdetect", "profiles");
        var splitter = IfevalTextModels.CreateSentenceSplitter(nltkData);
        var detector = IfevalTextModels.CreateLanguageDetector(profiles);
        Assert.Equal(("reference", "reference"), (splitter.Mode, detector.Mode));
        // Spec §8: e.g. ends a sentence for Punkt; the all-caps "YES" is Welsh for langdetect (§6.11).
        Assert.Equal(["Fruit, e.g.", "apples.", "Yes."], splitter.Split("Fruit, e.g. apples. Yes."));
        Assert.Equal("cy", detector.Detect("YES"));
    }
}
