using EvalHarness.Core.Text.LanguageDetection;
using EvalHarness.TestSupport;

namespace EvalHarness.Core.Tests.Text.LanguageDetection;

// Expected values: langdetect 1.0.9 behaviour stated in spec §6.11 and §7.
public sealed class LangdetectDetectorTests
{
    private static readonly Lazy<LangdetectDetector?> Shared = new(() =>
    {
        var root = SharedData.RootPath;
        return root is null ? null : LangdetectDetector.TryLoad(Path.Combine(root, "langdetect", "profiles"));
    });

    internal static LangdetectDetector Detector()
    {
        SharedData.RequireFile("langdetect", "profiles", "en");
        return Shared.Value!;
    }

    [Fact]
    public void LoadsTheFiftyFiveProfiles()
    {
        var detector = Detector();
        Assert.Equal(55, detector.Languages.Count);
        Assert.Contains("zh-cn", detector.Languages);
        Assert.Equal("reference", detector.Mode);
    }

    [Theory]
    [InlineData("YES", "cy")]
    [InlineData("A", "tl")]
    public void AllCapsQuirksOfTheReference(string text, string expected) => Assert.Equal(expected, Detector().Detect(text));

    [Theory]
    [InlineData("This is a perfectly ordinary English sentence about the weather today.", "en")]
    [InlineData("Dies ist ein ganz normaler deutscher Satz über das Wetter von heute.", "de")]
    [InlineData("Это совершенно обычное предложение на русском языке о погоде.", "ru")]
    [InlineData("यह आज के मौसम के बारे में एक सामान्य हिंदी वाक्य है।", "hi")]
    [InlineData("오늘 날씨에 대한 평범한 한국어 문장입니다.", "ko")]
    public void DetectsOrdinaryText(string text, string expected) => Assert.Equal(expected, Detector().Detect(text));

    [Theory]
    [InlineData("https://example.com/a?b=c")]
    [InlineData("12345 !!! ---")]
    [InlineData("")]
    public void NoFeaturesThrows(string text)
    {
        var error = Assert.Throws<LanguageDetectionException>(() => Detector().Detect(text));
        Assert.Equal("No features in text.", error.Message);
    }

    [Fact]
    public void IsDeterministic()
    {
        const string text = "Ciao, come stai? Oggi è una bella giornata.";
        var first = Detector().GetProbabilities(text);
        for (var i = 0; i < 3; i++) Assert.Equal(first, Detector().GetProbabilities(text));
        Assert.Equal("it", first[0].Language);
    }
}
