using EvalHarness.Core.Configuration;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Tests.Configuration;

public sealed class SettingsLoaderTests
{
    [Fact]
    public void MalformedJsonNamesFileAndLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\n  \"Seed\": 1,\n  \"Models\": { oops }\n}\n");
        try
        {
            var error = Assert.Throws<EvalInputException>(() => SettingsLoader.Build(path, new Dictionary<string, string?>()));
            Assert.StartsWith(path + ":3:", error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BatchKeysAreKnownAndATypoIsRefused()
    {
        var config = SettingsLoader.Build(null, new Dictionary<string, string?>
        {
            ["Batch:PollSeconds"] = "2", ["Batch:MaxPollSeconds"] = "60", ["Batch:MaxLinesPerFile"] = "100",
            ["Batch:MaxFileBytes"] = "1000000", ["Batch:CompletionWindow"] = "24h", ["Models:m:BatchEnqueuedTokens"] = "90000",
        });
        Assert.Equal(90_000L, SettingsLoader.Bind(config).Models["m"].BatchEnqueuedTokens);
        var typo = Assert.Throws<EvalInputException>(() => SettingsLoader.Build(null, new Dictionary<string, string?> { ["Batch:PollSecond"] = "2" }));
        Assert.Contains("Batch:PollSecond", typo.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandLineOverridesWinAndModelsBindWithTheirNames()
    {
        var config = SettingsLoader.Build(null, new Dictionary<string, string?>
        {
            ["Models:my-model:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Models:my-model:Concurrency"] = "3",
            ["Seed"] = "7",
        });
        var settings = SettingsLoader.Bind(config);
        Assert.Equal(7, settings.Seed);
        var model = settings.Models["my-model"];
        Assert.Equal("my-model", model.Name);
        Assert.Equal(3, model.Concurrency);
        Assert.Equal(new Uri("http://127.0.0.1:9/v1"), SettingsLoader.ResolveBaseUrl(model, config));
    }

    [Fact]
    public void InvalidValuesAreOneLineInputErrors()
    {
        var config = SettingsLoader.Build(null, new Dictionary<string, string?> { ["Models:m:Concurrency"] = "0" });
        var error = Assert.Throws<EvalInputException>(() => SettingsLoader.Bind(config));
        Assert.Contains("Models:m:Concurrency", error.Message);
    }

    [Fact]
    public void MissingKeyNamesTheVariableButNoneIsAccepted()
    {
        var config = SettingsLoader.Build(null, new Dictionary<string, string?>());
        var model = new ModelSettings { Name = "real", ApiKeyRef = "EVALHARNESS_TEST_KEY_THAT_IS_NOT_SET" };
        var error = Assert.Throws<EvalInputException>(() => SettingsLoader.ResolveApiKey(model, config));
        Assert.Contains("EVALHARNESS_TEST_KEY_THAT_IS_NOT_SET", error.Message);
        Assert.Equal("no-key", SettingsLoader.ResolveApiKey(new ModelSettings { Name = "local", ApiKeyRef = "none" }, config));
    }
}
