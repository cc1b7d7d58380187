using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;
using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Core.Running;
using Microsoft.Extensions.Configuration;

namespace EvalHarness.Core.Tests.Reporting.Pricing;

/// <summary>Expected dollars are worked out by hand from the per-1M rates in the comments.</summary>
public sealed class PriceTableTests
{
    private static IConfiguration Config(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    [Fact]
    public void CachedTokensAreBilledAtTheCachedRateAndReasoningIsNotAddedTwice()
    {
        // gpt-4.1: 60,000 uncached × $2 + 40,000 cached × $0.50 + 2,000 completion (500 of them reasoning) × $8
        // = (120,000 + 20,000 + 16,000) / 1M = $0.156
        Assert.Equal(0.156, PriceTable.Defaults.Cost("gpt-4.1", 100_000, 40_000, 2_000)!.Value, 12);
        // Batch halves every rate: $0.078.
        Assert.Equal(0.078, PriceTable.Defaults.Cost("gpt-4.1", 100_000, 40_000, 2_000, batch: true)!.Value, 12);
    }

    [Fact]
    public void UnpublishedCachedPriceBillsCachedTokensAsInput()
    {
        // gpt-5.4-mini: 10,000 prompt × $0.75 + 1,000 × $4.50 = (7,500 + 4,500) / 1M = $0.012, cached or not.
        Assert.Equal(0.012, PriceTable.Defaults.Cost("gpt-5.4-mini", 10_000, 5_000, 1_000)!.Value, 12);
    }

    [Fact]
    public void SnapshotNamesFindTheirFamilyAndUnknownModelsHaveNoPrice()
    {
        Assert.Equal("gpt-4.1-mini", PriceTable.Defaults.Find("gpt-4.1-mini-2025-04-14")!.Model);
        Assert.Null(PriceTable.Defaults.Cost("sim-oracle", 10, 0, 10));
    }

    [Fact]
    public void LongContextTierAppliesAboveTheThreshold()
    {
        var table = PriceTable.FromConfiguration(Config(
            ("Prices:long:Input", "1"), ("Prices:long:CachedInput", "0.1"), ("Prices:long:Output", "4"),
            ("Prices:long:LongContextThreshold", "200000"), ("Prices:long:LongContextInput", "2"), ("Prices:long:LongContextOutput", "6")));
        // Above: cached rate scales with input (0.1 × 2/1 = 0.2): 200,000 × 2 + 50,000 × 0.2 + 1,000 × 6 = 416,000 → $0.416
        Assert.Equal(0.416, table.Cost("long", 250_000, 50_000, 1_000)!.Value, 12);
        // At the threshold: 150,000 × 1 + 50,000 × 0.1 + 1,000 × 4 = 159,000 → $0.159
        Assert.Equal(0.159, table.Cost("long", 200_000, 50_000, 1_000)!.Value, 12);
    }

    [Fact]
    public void UpperBoundEstimateAssumesNoCacheAndFullOutputBudget()
    {
        // gpt-4.1-nano: (1,000 + 129,000) × $0.10 + 2 × 256 × $0.40 = 13,000 + 204.8 → $0.0132048
        var estimate = PriceTable.Defaults.Find("gpt-4.1-nano")!.EstimateUpperBound([(1_000, 256), (129_000, 256)]);
        Assert.Equal(0.0132048, estimate, 12);
    }

    [Fact]
    public void ConfigurationOverridesKeepOtherPublishedFields()
    {
        var table = PriceTable.FromConfiguration(Config(("Prices:gpt-4.1:Input", "3"), ("Prices:gpt-4.1:Date", "2026-01-01")));
        var p = table.Find("gpt-4.1")!;
        Assert.Equal((3.0, 8.0, 0.5, "2026-01-01"), (p.Input, p.Output, p.CachedInput!.Value, p.Date));
        Assert.NotNull(table.Find("gpt-4.1-nano"));
    }

    [Fact]
    public void RunResultsArePricedByModelNameThenServedModel()
    {
        var sample = new EvalSample { Id = "s", Eval = "niah", Group = "g", Messages = [] };
        SampleResult Result(string model, string? served, TokenUsage? usage) =>
            new() { Model = model, Sample = sample, ServedModel = served, Usage = usage };
        var usage = new TokenUsage(PromptTokens: 10_000, CachedTokens: 2_000, CompletionTokens: 300, ReasoningTokens: 200);
        // gpt-4.1-mini: 8,000 × 0.40 + 2,000 × 0.10 + 300 × 1.60 = 3,200 + 200 + 480 = 3,880 → $0.00388 (reasoning inside the 300)
        Assert.Equal(0.00388, PriceTable.Defaults.CostOf(Result("gpt-4.1-mini", null, usage))!.Value, 12);
        Assert.Equal(0.00388, PriceTable.Defaults.CostOf(Result("my-alias", "gpt-4.1-mini-2025-04-14", usage))!.Value, 12);
        Assert.Null(PriceTable.Defaults.CostOf(Result("gpt-4.1-mini", null, null)));
        Assert.Null(PriceTable.Defaults.CostOf(Result("sim-oracle", "sim-oracle", usage)));
        // A batch result (run --batch) at the batch rate: half the published price.
        var batch = new SampleResult { Model = "gpt-4.1-mini", Sample = sample, Usage = usage, Batch = true };
        Assert.Equal(0.00194, PriceTable.Defaults.CostOf(batch)!.Value, 12);
    }

    [Fact]
    public void BadOrMissingPricesNameTheSetting()
    {
        var bad = Assert.Throws<EvalInputException>(() => PriceTable.FromConfiguration(Config(("Prices:x:Input", "1,5"), ("Prices:x:Output", "2"))));
        Assert.Contains("Prices:x:Input", bad.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<EvalInputException>(() => PriceTable.FromConfiguration(Config(("Prices:x:Input", "1"))));
        Assert.Contains("Prices:x:Output", missing.Message, StringComparison.Ordinal);
    }
}
