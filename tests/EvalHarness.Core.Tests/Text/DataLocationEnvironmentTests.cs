using EvalHarness.Core.Text.LanguageDetection;
using EvalHarness.Core.Text.Punkt;

namespace EvalHarness.Core.Tests.Text;

[CollectionDefinition(nameof(EnvironmentVariableCollection), DisableParallelization = true)]
public sealed class EnvironmentVariableCollection;

// NLTK_DATA and LANGDETECT_PROFILES are process-wide, so these tests run alone.
[Collection(nameof(EnvironmentVariableCollection))]
public sealed class DataLocationEnvironmentTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "text-env-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void NltkDataIsSearchedEntryByEntry()
    {
        var model = Path.Combine(_root, "second", "tokenizers", "punkt_tab", "english");
        Directory.CreateDirectory(model);
        foreach (var file in PunktModel.FileNames) File.WriteAllText(Path.Combine(model, file), "");
        var saved = Environment.GetEnvironmentVariable("NLTK_DATA");
        try
        {
            Environment.SetEnvironmentVariable("NLTK_DATA", Path.Combine(_root, "first") + Path.PathSeparator + Path.Combine(_root, "second"));
            Assert.Equal(model, PunktModel.TryLocate(null));
            Assert.Equal(model, PunktModel.TryLocate(Path.Combine(_root, "missing")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("NLTK_DATA", saved);
        }
    }

    [Fact]
    public void LangdetectProfilesVariableIsTheSecondChoice()
    {
        var profiles = Path.Combine(_root, "profiles");
        Directory.CreateDirectory(profiles);
        File.WriteAllText(Path.Combine(profiles, "en"), "{}");
        var saved = Environment.GetEnvironmentVariable("LANGDETECT_PROFILES");
        try
        {
            Environment.SetEnvironmentVariable("LANGDETECT_PROFILES", profiles);
            Assert.Equal(profiles, LangdetectDetector.TryLocate(Path.Combine(_root, "missing")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("LANGDETECT_PROFILES", saved);
        }
    }
}
