using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Reporting.Pricing;

/// <summary>Pre-run cost ceiling from the generated samples, before any request is sent.</summary>
public static class CostEstimate
{
    /// <summary>Chat-format overhead per message (3 separator tokens + the role), as in OpenAI's token-counting guide.</summary>
    public const int TokensPerMessage = 4;

    /// <summary>Tokens that prime the assistant's reply.</summary>
    public const int ReplyPrimer = 3;

    /// <summary>Prompt tokens of one sample: its messages' exact content tokens plus the chat-format overhead.</summary>
    public static long PromptTokens(EvalSample sample, Func<string, int> countTokens) =>
        sample.Messages.Sum(m => (long)countTokens(m.Content) + TokensPerMessage) + ReplyPrimer;

    /// <summary>
    /// Upper bound in USD: exact prompt tokens (o200k unless another counter is given), none of them cached, and every
    /// request spending its whole output budget (the sample's own limit, else the model's default).
    /// </summary>
    public static double UpperBound(ModelPrice price, IEnumerable<EvalSample> samples, Func<EvalSample, int> maxOutputTokens, Func<string, int>? countTokens = null, bool batch = false)
    {
        ArgumentNullException.ThrowIfNull(maxOutputTokens);
        countTokens ??= O200kTokenizer.Shared.CountTokens;
        return price.EstimateUpperBound(samples.Select(s => (PromptTokens(s, countTokens), (long)maxOutputTokens(s))), batch);
    }

    /// <summary>Upper bound with the sample's own limit, else <paramref name="defaultMaxOutputTokens"/>.</summary>
    public static double UpperBound(ModelPrice price, IEnumerable<EvalSample> samples, int defaultMaxOutputTokens, Func<string, int>? countTokens = null, bool batch = false)
    {
        countTokens ??= O200kTokenizer.Shared.CountTokens;
        return price.EstimateUpperBound(samples.Select(s => (PromptTokens(s, countTokens), (long)(s.MaxOutputTokens ?? defaultMaxOutputTokens))), batch);
    }
}
