namespace EvalHarness.Core.Reporting.Pricing;

/// <summary>
/// A model's list price in USD per 1M tokens, as of <see cref="Date"/>. Reasoning tokens are billed inside
/// completion tokens; cached prompt tokens are a subset of prompt tokens.
/// </summary>
public sealed record ModelPrice
{
    public required string Model { get; init; }

    public required double Input { get; init; }

    /// <summary>Price of cached prompt tokens; null = not published, so they are billed as ordinary input (an upper bound).</summary>
    public double? CachedInput { get; init; }

    public required double Output { get; init; }

    /// <summary>When the price was published or copied (free text, e.g. 2025-04-14).</summary>
    public string Date { get; init; } = "";

    public string Source { get; init; } = "";

    /// <summary>Factor applied to every rate for batch requests (OpenAI's Batch API halves prices).</summary>
    public double BatchMultiplier { get; init; } = 0.5;

    /// <summary>Requests whose prompt exceeds this many tokens are billed entirely at the long-context rates.</summary>
    public long? LongContextThreshold { get; init; }

    public double? LongContextInput { get; init; }

    /// <summary>Defaults to <see cref="CachedInput"/> scaled by LongContextInput/Input.</summary>
    public double? LongContextCachedInput { get; init; }

    public double? LongContextOutput { get; init; }

    /// <summary>The per-1M rates (input, cached input, output) that apply to a request with this many prompt tokens.</summary>
    public (double Input, double CachedInput, double Output) RatesFor(long promptTokens, bool batch = false)
    {
        var cached = CachedInput ?? Input;
        var rates = (Input, cached, Output);
        if (LongContextThreshold is { } threshold && promptTokens > threshold)
        {
            var input = LongContextInput ?? Input;
            rates = (input, LongContextCachedInput ?? cached * (input / Input), LongContextOutput ?? Output);
        }
        var m = batch ? BatchMultiplier : 1.0;
        return (rates.Item1 * m, rates.Item2 * m, rates.Item3 * m);
    }

    /// <summary>
    /// USD for one request: (prompt − cached)·input + cached·cachedInput + completion·output, per 1M tokens.
    /// Completion already includes reasoning tokens, so they are never added again.
    /// </summary>
    public double Cost(long promptTokens, long cachedTokens, long completionTokens, bool batch = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promptTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(cachedTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(completionTokens);
        var cached = Math.Min(cachedTokens, promptTokens); // a server reporting more cached than prompt tokens is not trusted past the prompt
        var (input, cachedInput, output) = RatesFor(promptTokens, batch);
        return ((promptTokens - cached) * input + cached * cachedInput + completionTokens * output) / 1_000_000.0;
    }

    /// <summary>
    /// Pre-run upper bound: every prompt token billed uncached and every request using its full output budget.
    /// </summary>
    public double EstimateUpperBound(IEnumerable<(long PromptTokens, long MaxOutputTokens)> requests, bool batch = false) =>
        requests.Sum(r => Cost(r.PromptTokens, 0, r.MaxOutputTokens, batch));
}
