using System.Globalization;
using System.Text.Json;

namespace EvalHarness.Core.Reporting.Pricing;

/// <summary>
/// The published price list: <c>published-prices.json</c>, embedded in this assembly, read once. Each entry carries
/// the model, its rates in USD per 1M tokens, the date the price was published and its source; <c>Prices:*</c>
/// settings overlay it (<see cref="PriceTable.FromConfiguration"/>).
/// </summary>
internal static class PublishedPrices
{
    public const string ResourceName = "EvalHarness.Core.Pricing.published-prices.json";

    private static readonly Lazy<IReadOnlyList<ModelPrice>> Loaded = new(() => Parse(ReadResource()));

    public static IReadOnlyList<ModelPrice> All => Loaded.Value;

    private static string ReadResource()
    {
        using var stream = typeof(PublishedPrices).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses the data file; a malformed entry names its index and field (a build-time mistake, caught by tests).</summary>
    internal static IReadOnlyList<ModelPrice> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var prices = new List<ModelPrice>();
        var i = 0;
        foreach (var e in doc.RootElement.GetProperty("prices").EnumerateArray())
        {
            prices.Add(new ModelPrice
            {
                Model = Text(e, "model", i),
                Input = Number(e, "input", i) ?? throw Missing("input", i),
                CachedInput = Number(e, "cached_input", i),
                Output = Number(e, "output", i) ?? throw Missing("output", i),
                Date = Date(e, i),
                Source = Text(e, "source", i),
            });
            i++;
        }
        return prices;
    }

    private static string Text(JsonElement e, string field, int i) =>
        e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : throw Missing(field, i);

    private static double? Number(JsonElement e, string field, int i)
    {
        if (!e.TryGetProperty(field, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || d < 0)
            throw new InvalidDataException($"{ResourceName}: prices[{i}].{field} is not a non-negative number");
        return d;
    }

    private static string Date(JsonElement e, int i)
    {
        var text = Text(e, "date", i);
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new InvalidDataException($"{ResourceName}: prices[{i}].date '{text}' is not yyyy-MM-dd");
        return text;
    }

    private static InvalidDataException Missing(string field, int i) => new($"{ResourceName}: prices[{i}].{field} is missing");
}
