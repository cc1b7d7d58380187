using System.Globalization;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;
using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Core.Running;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Application;

/// <summary>
/// The pre-run cost check: an upper bound that assumes every sample uses its full output limit (reasoning models can
/// use all of it), against <c>Budget:MaxUsdPerRun</c>. Offline: a refused budget never touches the network.
/// </summary>
public static class BudgetCheck
{
    /// <summary>The bound over every (model, eval): what <c>--dry-run</c> totals and the budget is checked against.</summary>
    /// <param name="batch">Priced as Batch API requests (<c>run --batch</c>: each model's BatchMultiplier).</param>
    public static double UpperBoundUsd(IReadOnlyList<ModelSettings> models, IReadOnlyList<EvalPlan> plans, PriceTable prices, bool batch = false) =>
        models.Sum(m => plans.Sum(p => UpperBoundUsd(m, p, prices, batch) ?? 0));

    /// <summary>One model's bound on one eval; null for the simulator (free) or a model without a price.</summary>
    public static double? UpperBoundUsd(ModelSettings model, EvalPlan plan, PriceTable prices, bool batch = false)
    {
        if (model.IsSimulator || (prices.Find(model.ApiModelId) ?? prices.Find(model.Name)) is not { } price) return null;
        return CostEstimate.UpperBound(price, plan.Samples, s => OutputLimitOf(model, plan, s), O200kTokenizer.Shared.CountTokens, batch);
    }

    /// <summary>The output limit the run will send for a sample (the engine's rule), so the bound covers what can be spent.</summary>
    public static int OutputLimitOf(ModelSettings model, EvalPlan plan, EvalSample sample) =>
        OutputLimit.Resolve(model, plan.ExplicitMaxOutputTokens, sample.MaxOutputTokens).Tokens;

    /// <summary>Refuses the run when the bound exceeds the budget, unless <paramref name="yes"/> (<c>--yes</c>).</summary>
    public static void Ensure(IReadOnlyList<ModelSettings> models, IReadOnlyList<EvalPlan> plans, PriceTable prices, double? maxUsd, bool yes, bool batch = false)
    {
        if (maxUsd is not { } limitUsd || yes) return;
        var bound = UpperBoundUsd(models, plans, prices, batch);
        if (bound > limitUsd)
        {
            throw new EvalInputException(string.Create(CultureInfo.InvariantCulture,
                $"cost upper bound ${bound:0.00} exceeds Budget:MaxUsdPerRun ${limitUsd:0.00}; check `run --dry-run`, then pass --yes to start anyway"));
        }
    }
}
