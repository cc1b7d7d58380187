using System.CommandLine;
using System.Globalization;
using EvalHarness.Core.Application;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Comparison;
using EvalHarness.Core.Reporting.Gate;
using EvalHarness.Core.Reporting.Pricing;
using Spectre.Console;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness compare RUN_OR_CSV [RUN_OR_CSV ...]</c>: paired comparison of runs or models (a thin layer over
/// <see cref="ComparisonEngine"/>); writes compare.csv and compare.md and prints the aggregate cells.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Run folders or samples.csv files (one folder with several models compares those models)", Arity = ArgumentArity.OneOrMore };
        var baseline = new Option<string?>("--baseline") { Description = "Side the others are compared with: model name, run id or label (default: the first side)" };
        var output = new Option<string?>("--out") { Description = "Output folder for compare.csv and compare.md (default: results/compare-<time>)" };
        var published = new Option<string>("--published") { Description = "Folder of published results CSVs shown beside measured cells (skipped if absent)", DefaultValueFactory = _ => PublishedResults.DefaultDirectory };
        var seed = new Option<ulong>("--bootstrap-seed") { Description = "Seed of the paired bootstrap", DefaultValueFactory = _ => PairedBootstrap.DefaultSeed };
        var replicates = new Option<int>("--bootstrap") { Description = "Bootstrap replicates B", DefaultValueFactory = _ => PairedBootstrap.DefaultReplicates };
        var within = new Option<double>("--within") { Description = "Frontier: mark the cheapest side within this many points of the best", DefaultValueFactory = _ => 2.0 };
        var gate = new Option<bool>("--gate") { Description = "Also gate: BASELINE_RUN CANDIDATE_RUN (two run folders, in that order); exit 0 pass, 3 regression, 4 guard tripped" };
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var command = new Command("compare", "Compare runs or models on the same samples (paired tests, Holm, MDE, latency and cost)")
        {
            inputs, baseline, output, published, seed, replicates, within, gate, config, set,
        };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(async () =>
        {
            await using var context = HarnessContext.Load(parse.GetValue(config), parse.GetValue(set) ?? []);
            var options = new ComparisonOptions
            {
                Baseline = parse.GetValue(baseline),
                Seed = parse.GetValue(seed),
                BootstrapReplicates = Math.Max(1, parse.GetValue(replicates)),
                FrontierWithinPoints = parse.GetValue(within),
                Prices = PriceTable.FromConfiguration(context.Config),
                Published = PublishedResults.Load(parse.GetValue(published)!),
            };
            var result = CompareService.Compare(new CompareRequest
            {
                Inputs = parse.GetValue(inputs) ?? [],
                Options = options,
                Out = parse.GetValue(output),
                Gate = parse.GetValue(gate),
            }, context.Config);
            var (report, outDir, gateReport) = (result.Report, result.OutDirectory, result.Gate);
            if (gateReport is not null) GateCommand.Render(System.Console.Out, gateReport);
            Render(AnsiConsole.Console, report, includeGroups: report.Rows.Count <= 40);
            var written = gateReport is null ? $"{ComparisonCsv.FileName}, {ComparisonMarkdown.FileName}" : $"{ComparisonCsv.FileName}, {ComparisonMarkdown.FileName}, {GateMarkdown.FileName}, {GateJUnit.FileName}, {GateJson.FileName}";
            AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(Path.GetFullPath(outDir))}[/] ({written})");
            return gateReport is null ? ExitCodes.Success : GateCommand.ExitCodeOf(gateReport);
        }));
        return command;
    }

    private static void Render(IAnsiConsole console, ComparisonReport report, bool includeGroups)
    {
        // A is always the baseline, so only B gets a column; warnings go below the table to keep it narrow.
        var table = new Table().Border(TableBorder.Rounded).Title($"B − A, baseline A = {Markup.Escape(report.Baseline)}");
        table.AddColumns("eval", "group", "B", "n", "A", "B mean", "diff", "95% CI", "p Holm", "MDE", "method");
        var warnings = new List<string>();
        foreach (var r in report.Rows.Where(r => includeGroups || r.IsAggregate).OrderBy(r => r.Eval, StringComparer.Ordinal).ThenBy(r => r.IsAggregate ? 0 : 1))
        {
            var diff = Signed(r.Diff);
            var mark = "";
            if (r.Warning.Length > 0)
            {
                warnings.Add($"[yellow]({warnings.Count + 1})[/] {Markup.Escape($"{r.Eval} / {r.Group} / {r.SideB}: {r.Warning}")}");
                mark = $" [yellow]({warnings.Count})[/]";
            }
            table.AddRow(
                Markup.Escape(r.Eval), r.IsAggregate ? "[bold]all[/]" : Markup.Escape(r.Group), Markup.Escape(r.SideB),
                r.NPaired.ToString(CultureInfo.InvariantCulture), F(r.MeanA), F(r.MeanB),
                (r.Significant ? $"[bold {(r.Diff > 0 ? "green" : "red")}]{diff}[/]" : diff) + mark,
                double.IsFinite(r.Ci95Low) ? $"{Signed(r.Ci95Low)}..{Signed(r.Ci95High)}" : "-",
                double.IsFinite(r.PHolm) ? r.PHolm.ToString("G3", CultureInfo.InvariantCulture) : "-",
                F(r.Mde), Markup.Escape(r.Method));
        }
        console.Write(table);
        console.MarkupLine("[grey]bold diff = significant after Holm (α = 0.05); MDE = smallest difference detectable at 80% power[/]");
        foreach (var w in warnings) console.MarkupLine(w);

        var sides = new Table().Border(TableBorder.Rounded).Title("per side (eval aggregate)");
        sides.AddColumns("eval", "side", "n", "errors", "mean", "published", "TTFT p50/p95 ms", "latency p50/p95 ms", "tokens in/out", "cost USD", "frontier");
        foreach (var eval in report.Rows.Select(r => r.Eval).Distinct(StringComparer.Ordinal))
        {
            foreach (var (label, m) in ComparisonMarkdown.SideRows(report, eval))
            {
                var f = report.Frontier.FirstOrDefault(x => x.Eval == eval && x.Side == label);
                sides.AddRow(
                    Markup.Escape(eval), Markup.Escape(label), m.NScored.ToString(CultureInfo.InvariantCulture),
                    m.NErrors == 0 ? "0" : $"[red]{m.NErrors}[/]", F(m.MeanScore ?? double.NaN),
                    m.Published is { } p ? $"{p.ValuePercent.ToString("0.0", CultureInfo.InvariantCulture)}%" : "-",
                    $"{Ms(m.TtftP50)}/{Ms(m.TtftP95)}", $"{Ms(m.LatencyP50)}/{Ms(m.LatencyP95)}",
                    $"{m.PromptTokens.ToString(CultureInfo.InvariantCulture)}/{m.CompletionTokens.ToString(CultureInfo.InvariantCulture)}",
                    m.CostUsd is { } c ? c.ToString("0.0000", CultureInfo.InvariantCulture) : "-",
                    f is null ? "" : (f.ParetoOptimal ? "pareto" : "") + (f.CheapestWithin ? " cheapest-near-best" : ""));
            }
        }
        console.Write(sides);
        foreach (var note in report.Notes) console.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Signed(double v) => double.IsFinite(v) ? v.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "-";

    private static string Ms(double? v) => v is { } x ? x.ToString("0", CultureInfo.InvariantCulture) : "-";
}
