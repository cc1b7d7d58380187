using EvalHarness.Core.Text.LanguageDetection;

namespace EvalHarness.Core.Tests.Text.LanguageDetection;

// Loading and locating profiles, on tiny synthetic profiles in langdetect's JSON layout.
public sealed class LangdetectProfilesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "langdetect-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string WriteProfiles(bool withCjkClasses)
    {
        var profiles = Path.Combine(_root, "langdetect", "profiles");
        Directory.CreateDirectory(profiles);
        File.WriteAllText(Path.Combine(profiles, "en"), """{"freq": {"a": 5, "b": 5, " a": 2}, "n_words": [10, 2, 1], "name": "en"}""");
        File.WriteAllText(Path.Combine(profiles, "zz"), """{"freq": {"\u4e01": 4, "x": 1}, "n_words": [5, 1, 1], "name": "zz"}""");
        if (withCjkClasses)
        {
            Directory.CreateDirectory(Path.Combine(_root, "langdetect", "utils"));
            File.WriteAllText(Path.Combine(_root, "langdetect", "utils", "messages.properties"),
                "NGram.CJK_KANJI_EXCLUDE=\\u0020\nNGram.KANJI_1_0=\\u4E01\\u4E03\n");
        }
        return profiles;
    }

    [Fact]
    public void LocatesProfilesFromThePackageFolder()
    {
        var profiles = WriteProfiles(withCjkClasses: false);
        Assert.Equal(profiles, LangdetectDetector.TryLocate(Path.Combine(_root, "langdetect")));
        Assert.Equal(profiles, LangdetectDetector.TryLocate(profiles));
        var detector = LangdetectDetector.Load(profiles);
        Assert.Equal(["en", "zz"], detector.Languages);
        Assert.False(detector.HasCjkClasses);
        Assert.Equal("en", detector.Detect("ab ab"));
    }

    [Fact]
    public void CjkIdeographsFoldToTheirClassRepresentative()
    {
        // U+4E03 is in the class of U+4E01, which only the zz profile knows.
        Assert.Throws<LanguageDetectionException>(() => LangdetectDetector.Load(WriteProfiles(withCjkClasses: false)).Detect("\u4e03"));
        var detector = LangdetectDetector.Load(WriteProfiles(withCjkClasses: true));
        Assert.True(detector.HasCjkClasses);
        Assert.Equal("zz", detector.Detect("\u4e03\u4e03"));
    }

    [Fact]
    public void MalformedProfilesAreReported()
    {
        var profiles = WriteProfiles(withCjkClasses: false);
        File.WriteAllText(Path.Combine(profiles, "bad"), """{"freq": {}, "name": "bad"}""");
        Assert.Throws<InvalidDataException>(() => LangdetectDetector.Load(profiles));
    }
}
