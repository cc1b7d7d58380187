using System.Globalization;
using EvalHarness.Core.Models;
using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Core.Running;
using EvalHarness.Core.Text;
using Spectre.Console;

namespace EvalHarness.Cli.Console;

/// <summary>
/// The pre-run estimate: exact o200k input tokens per model and eval, and a cost upper bound that assumes every
/// sample uses its full output limit (reasoning models can use all of it).
/// </summary>
internal static class RunEstimate
{
    public static void Print(IAnsiConsole console, IReadOnlyList<ModelSettings> models, IReadOnlyList<EvalPlan> plans, PriceTable prices)
    {
        var table = new Table().Title("dry run: nothing is sent").AddColumns("model", "eval", "samples", "input tokens", "max output tokens", "cost upper bound");
        var count = O200kTokenizer.Shared.CountTokens;
        double total = 0;
        var anyUnpriced = false;
        foreach (var m in models)
        {
            foreach (var p in plans)
            {
                var input = p.Samples.Sum(s => CostEstimate.PromptTokens(s, count));
                var output = p.Samples.Sum(s => (long)Limit(m, p, s));
                var price = m.IsSimulator ? null : prices.Find(m.ApiModelId) ?? prices.Find(m.Name);
                string cost;
                if (m.IsSimulator) cost = "free (simulator)";
                else if (price is null)
                {
                    cost = "unknown (no price)";
                    anyUnpriced = true;
                }
                else
                {
                    var usd = CostEstimate.UpperBound(price, p.Samples, s => Limit(m, p, s), count);
                    total += usd;
                    cost = "$" + usd.ToString("0.0000", CultureInfo.InvariantCulture);
                }
                table.AddRow(Markup.Escape(m.Name), Markup.Escape(p.Evaluator.Name), p.Samples.Count.ToString(CultureInfo.InvariantCulture),
                    input.ToString("N0", CultureInfo.InvariantCulture), output.ToString("N0", CultureInfo.InvariantCulture), Markup.Escape(cost));
            }
        }
        console.Write(table);
        console.MarkupLine($"Cost upper bound: [bold]${total.ToString("0.00", CultureInfo.InvariantCulture)}[/]{(anyUnpriced ? " (plus models without a configured price)" : "")}");
    }

    /// <summary>The limit the run will send (the same rule as the engine), so the bound covers what can be spent.</summary>
    private static int Limit(ModelSettings m, EvalPlan p, Core.Evaluators.EvalSample s) => OutputLimit.Resolve(m, p.ExplicitMaxOutputTokens, s.MaxOutputTokens).Tokens;
}
