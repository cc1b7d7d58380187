using EvalHarness.Core.Reporting.Pricing;
using Microsoft.Extensions.Configuration;

namespace EvalHarness.Core.Tests.Reporting.Pricing;

/// <summary>The published price list is data (the embedded published-prices.json), and it says what the spec says.</summary>
public sealed class PublishedPricesTests
{
    /// <summary>
    /// shared/specs/published-results.md, "Prices (USD per 1M tokens)": input and output as listed; cached input is
    /// 25% of input for the GPT-4.1 family and not published for GPT-5.4 mini/nano. Dates: GPT-4.1 launch
    /// (2025-04-14) and the GPT-5.4 mini/nano snapshots (2026-03-17).
    /// </summary>
    private static readonly (string Model, double Input, double? Cached, double Output, string Date)[] Spec =
    [
        ("gpt-4.1", 2.00, 0.50, 8.00, "2025-04-14"),
        ("gpt-4.1-mini", 0.40, 0.10, 1.60, "2025-04-14"),
        ("gpt-4.1-nano", 0.10, 0.025, 0.40, "2025-04-14"),
        ("gpt-5.4-mini", 0.75, null, 4.50, "2026-03-17"),
        ("gpt-5.4-nano", 0.20, null, 1.25, "2026-03-17"),
    ];

    [Fact]
    public void LoadedDefaultsEqualThePublishedSpec()
    {
        var loaded = PriceTable.Published.Select(p => (p.Model, p.Input, p.CachedInput, p.Output, p.Date)).ToArray();
        Assert.Equal(Spec, loaded);
        Assert.All(PriceTable.Published, p => Assert.Contains("published-results.md", p.Source, StringComparison.Ordinal));
        // The default table is the list itself; the list is read once.
        Assert.Same(PriceTable.Published, PriceTable.Published);
        Assert.Equal(Spec.Length, PriceTable.Defaults.All.Count);
    }

    [Fact]
    public void TheListIsAnEmbeddedDataFileNotCode()
    {
        using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream(PublishedPrices.ResourceName);
        Assert.NotNull(stream);
        var source = File.ReadAllText(Path.Combine(EvalHarness.TestSupport.SharedData.RepoRoot, "src", "EvalHarness.Core", "Reporting", "Pricing", "PriceTable.cs"));
        Assert.DoesNotContain("2.00", source, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsStillOverlayTheLoadedDefaults()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Prices:gpt-4.1-nano:Output"] = "0.5",
            ["Prices:my-model:Input"] = "1",
            ["Prices:my-model:Output"] = "2",
        }).Build();
        var table = PriceTable.FromConfiguration(config);
        var nano = table.Find("gpt-4.1-nano")!;
        Assert.Equal((0.10, 0.025, 0.5, "2025-04-14"), (nano.Input, nano.CachedInput!.Value, nano.Output, nano.Date));
        Assert.EndsWith("+ configuration", nano.Source, StringComparison.Ordinal);
        Assert.Equal((1.0, 2.0), (table.Find("my-model")!.Input, table.Find("my-model")!.Output));
    }

    [Theory]
    [InlineData("""{"prices":[{"model":"m","input":1,"output":2,"date":"2025-13-01","source":"s"}]}""", "prices[0].date")]
    [InlineData("""{"prices":[{"model":"m","input":-1,"output":2,"date":"2025-01-01","source":"s"}]}""", "prices[0].input")]
    [InlineData("""{"prices":[{"model":"m","input":1,"output":2,"date":"2025-01-01"}]}""", "prices[0].source")]
    public void AMalformedEntryIsNamed(string json, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => PublishedPrices.Parse(json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
