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
internal static class BudgetCheck
{
    public static double UpperBoundUsd(IReadOnlyList<ModelSettings> models, IReadOnlyList<EvalPlan> plans, PriceTable prices)
    {
        double total = 0;
        foreach (var m in models.Where(m => !m.IsSimulator))
        {
            var price = prices.Find(m.ApiModelId) ?? prices.Find(m.Name);
            if (price is null) continue;
            total += plans.Sum(p => CostEstimate.UpperBound(
                price, p.Samples, s => OutputLimit.Resolve(m, p.ExplicitMaxOutputTokens, s.MaxOutputTokens).Tokens, O200kTokenizer.Shared.CountTokens));
        }
        return total;
    }

    /// <summary>Refuses the run when the bound exceeds the budget, unless <paramref name="yes"/> (<c>--yes</c>).</summary>
    public static void Ensure(IReadOnlyList<ModelSettings> models, IReadOnlyList<EvalPlan> plans, PriceTable prices, double? maxUsd, bool yes)
    {
        if (maxUsd is not { } limitUsd || yes) return;
        var bound = UpperBoundUsd(models, plans, prices);
        if (bound > limitUsd)
        {
            throw new EvalInputException(string.Create(CultureInfo.InvariantCulture,
                $"cost upper bound ${bound:0.00} exceeds Budget:MaxUsdPerRun ${limitUsd:0.00}; check `run --dry-run`, then pass --yes to start anyway"));
        }
    }
}
