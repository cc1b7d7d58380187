namespace EvalHarness.Core.Models;

/// <summary>
/// The output limit sent with each request, and why. Precedence: an explicit eval option <c>max_output_tokens</c>
/// (<c>-o eval.max_output_tokens=N</c> or the suite's options) &gt; <c>Models:&lt;m&gt;:MaxOutputTokens</c> &gt; the eval's
/// default plus the model's <c>ReasoningHeadroomTokens</c> (reasoning models spend output tokens thinking before they
/// answer; without headroom they are cut before the answer).
/// </summary>
public static class OutputLimit
{
    /// <summary>Used only when an evaluator gives no per-sample default.</summary>
    public const int FallbackTokens = 256;

    public const string FromOption = "eval_option";
    public const string FromModel = "model";
    public const string FromEvalDefault = "eval_default";
    public const string FromEvalDefaultWithHeadroom = "eval_default+headroom";

    /// <param name="model">The model's settings.</param>
    /// <param name="explicitOption">True when the eval's options set <c>max_output_tokens</c>.</param>
    /// <param name="evalTokens">The sample's own limit (the eval option's value or the eval's default).</param>
    public static (int Tokens, string Source) Resolve(ModelSettings model, bool explicitOption, int? evalTokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (explicitOption && evalTokens is { } option) return (option, FromOption);
        if (model.MaxOutputTokens is { } fixedLimit) return (fixedLimit, FromModel);
        var baseline = evalTokens ?? FallbackTokens;
        return model.ReasoningHeadroomTokens > 0
            ? (baseline + model.ReasoningHeadroomTokens, FromEvalDefaultWithHeadroom)
            : (baseline, FromEvalDefault);
    }
}
