using System.Globalization;
using EvalHarness.Core.Evaluators;
using Microsoft.Extensions.Configuration;

namespace EvalHarness.Core.Reporting.Pricing;

/// <summary>
/// Prices by model name: the published defaults (the embedded, dated <c>published-prices.json</c>) overlaid by the configuration's <c>Prices</c> section
/// (<c>Prices:&lt;model&gt;:Input</c>, <c>:CachedInput</c>, <c>:Output</c>, <c>:Date</c>, <c>:Source</c>,
/// <c>:BatchMultiplier</c>, <c>:LongContextThreshold</c>, <c>:LongContextInput</c>, <c>:LongContextCachedInput</c>,
/// <c>:LongContextOutput</c>).
/// </summary>
public sealed class PriceTable
{
    /// <summary>
    /// USD per 1M tokens as published, each entry dated and sourced: read once from the embedded data file
    /// <c>Reporting/Pricing/published-prices.json</c> (<see cref="PublishedPrices"/>), not written in C#.
    /// </summary>
    public static IReadOnlyList<ModelPrice> Published => PublishedPrices.All;

    private readonly Dictionary<string, ModelPrice> _prices;

    public PriceTable(IEnumerable<ModelPrice> prices)
    {
        _prices = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in prices) _prices[p.Model] = p; // later entries override earlier ones
    }

    public static PriceTable Defaults { get; } = new(Published);

    public static PriceTable Empty { get; } = new([]);

    public IReadOnlyCollection<ModelPrice> All => _prices.Values;

    /// <summary>Exact name (case-insensitive), else the name without a trailing snapshot date (gpt-4.1-2025-04-14).</summary>
    public ModelPrice? Find(string model)
    {
        if (_prices.TryGetValue(model, out var p)) return p;
        var stripped = StripSnapshotDate(model);
        return stripped is not null && _prices.TryGetValue(stripped, out p) ? p : null;
    }

    /// <summary>USD for one request, or null when the model has no price.</summary>
    public double? Cost(string model, long promptTokens, long cachedTokens, long completionTokens, bool batch = false) =>
        Find(model)?.Cost(promptTokens, cachedTokens, completionTokens, batch);

    /// <summary>
    /// Cost of one run result, for samples.csv's cost_usd and summary.csv's cost (pass as <c>cost: prices.CostOf</c>):
    /// priced by the configured model name, else the served model id; null without usage or a price, and null for an
    /// answer from the response cache (nothing was paid for it in this run). A batch result (<c>run --batch</c>) is
    /// priced at the batch rate (<see cref="ModelPrice.BatchMultiplier"/>).
    /// </summary>
    public double? CostOf(SampleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.CachedResponse) return null;
        if (result.Usage is not { PromptTokens: { } prompt, CompletionTokens: { } completion } usage) return null;
        var price = Find(result.Model) ?? (result.ServedModel is { } served ? Find(served) : null);
        return price?.Cost(prompt, usage.CachedTokens ?? 0, completion, batch: result.Batch);
    }

    public static PriceTable FromConfiguration(IConfiguration config, bool includeDefaults = true)
    {
        var prices = includeDefaults ? new List<ModelPrice>(Published) : [];
        foreach (var section in config.GetSection("Prices").GetChildren())
        {
            var fallback = includeDefaults ? Published.FirstOrDefault(p => string.Equals(p.Model, section.Key, StringComparison.OrdinalIgnoreCase)) : null;
            prices.Add(Parse(section, fallback));
        }
        return new PriceTable(prices);
    }

    /// <summary>A configured entry; keys it omits keep the published default of the same model, if any.</summary>
    private static ModelPrice Parse(IConfigurationSection s, ModelPrice? fallback)
    {
        var input = Number(s, "Input") ?? fallback?.Input ?? throw Missing(s, "Input");
        var output = Number(s, "Output") ?? fallback?.Output ?? throw Missing(s, "Output");
        var threshold = Number(s, "LongContextThreshold");
        return new ModelPrice
        {
            Model = s.Key,
            Input = input,
            Output = output,
            CachedInput = Number(s, "CachedInput") ?? fallback?.CachedInput,
            Date = s["Date"] ?? fallback?.Date ?? "",
            Source = s["Source"] ?? (fallback is null ? "configuration" : fallback.Source + " + configuration"),
            BatchMultiplier = Number(s, "BatchMultiplier") ?? fallback?.BatchMultiplier ?? 0.5,
            LongContextThreshold = threshold is { } t ? (long)t : fallback?.LongContextThreshold,
            LongContextInput = Number(s, "LongContextInput") ?? fallback?.LongContextInput,
            LongContextCachedInput = Number(s, "LongContextCachedInput") ?? fallback?.LongContextCachedInput,
            LongContextOutput = Number(s, "LongContextOutput") ?? fallback?.LongContextOutput,
        };
    }

    private static double? Number(IConfigurationSection s, string key)
    {
        var text = s[key];
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < 0)
            throw new EvalInputException($"settings: Prices:{s.Key}:{key} = '{text}' is not a non-negative number");
        return v;
    }

    private static EvalInputException Missing(IConfigurationSection s, string key) =>
        new($"settings: Prices:{s.Key}:{key} is required (USD per 1M tokens)");

    private static string? StripSnapshotDate(string model)
    {
        // "-YYYY-MM-DD" is 11 characters.
        if (model.Length <= 11) return null;
        var suffix = model.AsSpan(model.Length - 11);
        return suffix[0] == '-' && DateOnly.TryParseExact(suffix[1..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? model[..^11]
            : null;
    }
}
