using System.Text.Json;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Tests.Models;

public sealed class ModelLifecycleTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);

    private static ModelSettings Model(string? shutdown = null, string? replacedBy = null) =>
        new() { Name = "gpt-4.1-nano", ShutdownDate = shutdown, ReplacedBy = replacedBy };

    [Theory]
    [InlineData(31, LifecycleStatus.Unchecked)]
    [InlineData(30, LifecycleStatus.ShutdownSoon)]
    [InlineData(1, LifecycleStatus.ShutdownSoon)]
    [InlineData(0, LifecycleStatus.Retired)]
    [InlineData(-400, LifecycleStatus.Retired)]
    public void ConfiguredShutdownDateWarnsWithin30DaysAndRefusesFromTheDateOn(int daysAhead, LifecycleStatus expected)
    {
        var date = Today.AddDays(daysAhead).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var verdict = ModelLifecycle.Evaluate(Model(date, "gpt-5.4-nano"), "api.openai.com", null, null, Today);

        Assert.Equal(expected, verdict.Status);
        Assert.Equal(daysAhead, verdict.DaysLeft);
        Assert.Equal(expected == LifecycleStatus.Retired, verdict.Refuses);
        Assert.Equal(expected == LifecycleStatus.ShutdownSoon, verdict.Warns);
        if (verdict.Refuses || verdict.Warns)
        {
            Assert.Contains("replacement set in configuration: gpt-5.4-nano", verdict.Message, StringComparison.Ordinal);
            Assert.Contains(date, verdict.Message, StringComparison.Ordinal);
            Assert.Contains("Models:gpt-4.1-nano:ShutdownDate", verdict.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NotListedRefusesNamingTheEndpointAndSaysWhereToSetAReplacement()
    {
        var catalog = ModelCatalog.Of([new ModelListing("gpt-5.4-nano", null, null, false)]);
        var verdict = ModelLifecycle.Evaluate(Model(), "api.openai.com", catalog, null, Today);

        Assert.Equal(LifecycleStatus.NotListed, verdict.Status);
        Assert.True(verdict.Refuses);
        Assert.Equal("model 'gpt-4.1-nano' does not exist at api.openai.com: its model list does not include 'gpt-4.1-nano'; no replacement configured (set Models:gpt-4.1-nano:ReplacedBy)", verdict.Message);
    }

    [Fact]
    public void TheEarlierOfListedAndConfiguredDateWins()
    {
        var listing = new ModelListing("gpt-4.1-nano", Today.AddDays(20), null, false);
        var catalog = ModelCatalog.Of([new ModelListing("gpt-4.1-nano", null, null, false)]);

        var listed = ModelLifecycle.Evaluate(Model("2027-06-01"), "host", catalog, listing, Today);
        Assert.Equal((LifecycleStatus.ShutdownSoon, 20, "shutdown_date from host"), (listed.Status, listed.DaysLeft, listed.ShutdownSource));

        var configured = ModelLifecycle.Evaluate(Model(Today.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "host", catalog, listing, Today);
        Assert.Equal((LifecycleStatus.ShutdownSoon, 5, "Models:gpt-4.1-nano:ShutdownDate"), (configured.Status, configured.DaysLeft, configured.ShutdownSource));
    }

    [Fact]
    public void DeprecatedWithoutAShutdownDateWarnsButRuns()
    {
        var catalog = ModelCatalog.Of([new ModelListing("gpt-4.1-nano", null, null, false)]);
        var verdict = ModelLifecycle.Evaluate(Model(), "host", catalog, new ModelListing("gpt-4.1-nano", null, Today.AddDays(-3), false), Today);

        Assert.Equal(LifecycleStatus.Deprecated, verdict.Status);
        Assert.False(verdict.Refuses);
        Assert.Contains("deprecated since 2026-12-02", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("no shutdown date known", verdict.Message, StringComparison.Ordinal);

        var ok = ModelLifecycle.Evaluate(Model(), "host", catalog, new ModelListing("gpt-4.1-nano", Today.AddDays(90), null, false), Today);
        Assert.Equal((LifecycleStatus.Ok, "", true), (ok.Status, ok.Message, ok.Listed));
    }

    [Theory]
    [InlineData("\"2026-12-15\"", "2026-12-15")]
    [InlineData("\"2026-12-15T23:30:00-02:00\"", "2026-12-16")]
    [InlineData("1781481600", "2026-06-15")]
    [InlineData("\"1781481600\"", "2026-06-15")]
    [InlineData("\"soon\"", null)]
    [InlineData("null", null)]
    [InlineData("-5", null)]
    public void ShutdownDateFieldAcceptsIsoDatesAndUnixSeconds(string json, string? expected)
    {
        using var doc = JsonDocument.Parse("{\"shutdown_date\":" + json + "}");
        var date = ModelCatalog.ReadDate(doc.RootElement, "shutdown_date");
        Assert.Equal(expected, date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void AMalformedConfiguredDateIsASettingsErrorNamingTheKey()
    {
        var ex = Assert.Throws<EvalInputException>(() => ModelLifecycle.ConfiguredShutdown(Model("15/12/2026")));
        Assert.Equal("settings: Models:gpt-4.1-nano:ShutdownDate '15/12/2026' is not a date (yyyy-MM-dd)", ex.Message);
    }

    [Fact]
    public void TheManifestFormNamesStatusDateAndReplacement()
    {
        var verdict = ModelLifecycle.Evaluate(Model("2026-12-15", "gpt-5.4-nano"), "host", null, null, Today);
        var json = verdict.ToJson();
        Assert.Equal("shutdown_soon", (string?)json["status"]);
        Assert.Null(json["listed"]);
        Assert.Equal("2026-12-15", (string?)json["shutdown_date"]);
        Assert.Equal(10, (int?)json["days_left"]);
        Assert.Equal("gpt-5.4-nano", (string?)json["replaced_by"]);
    }
}
