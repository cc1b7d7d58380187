using System.Globalization;
using EvalHarness.Core.Application;
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
    public static void Print(IAnsiConsole console, IReadOnlyList<ModelSettings> models, IReadOnlyList<EvalPlan> plans, PriceTable prices, bool batch = false)
    {
        var table = new Table().Title(batch ? "dry run: nothing is sent (Batch API prices)" : "dry run: nothing is sent").AddColumns("model", "eval", "samples", "input tokens", "max output tokens", "cost upper bound");
        var count = O200kTokenizer.Shared.CountTokens;
        double total = 0;
        var anyUnpriced = false;
        foreach (var m in models)
        {
            foreach (var p in plans)
            {
                var input = p.Samples.Sum(s => CostEstimate.PromptTokens(s, count));
                var output = p.Samples.Sum(s => (long)BudgetCheck.OutputLimitOf(m, p, s));
                var usd = BudgetCheck.UpperBoundUsd(m, p, prices, batch);
                total += usd ?? 0;
                anyUnpriced |= usd is null && !m.IsSimulator;
                var cost = m.IsSimulator ? "free (simulator)"
                    : usd is { } bound ? "$" + bound.ToString("0.0000", CultureInfo.InvariantCulture)
                    : "unknown (no price)";
                table.AddRow(Markup.Escape(m.Name), Markup.Escape(p.Evaluator.Name), p.Samples.Count.ToString(CultureInfo.InvariantCulture),
                    input.ToString("N0", CultureInfo.InvariantCulture), output.ToString("N0", CultureInfo.InvariantCulture), Markup.Escape(cost));
            }
        }
        console.Write(table);
        console.MarkupLine($"Cost upper bound: [bold]${total.ToString("0.00", CultureInfo.InvariantCulture)}[/]{(anyUnpriced ? " (plus models without a configured price)" : "")}");
    }
}
