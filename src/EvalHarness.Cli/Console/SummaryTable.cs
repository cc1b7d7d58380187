using System.Globalization;
using EvalHarness.Core.Reporting;
using Spectre.Console;

namespace EvalHarness.Cli.Console;

/// <summary>The end-of-run table: one row per (model, eval) aggregate, plus groups when there are few.</summary>
internal static class SummaryTable
{
    public static void Render(IAnsiConsole console, IReadOnlyList<SummaryRow> rows, bool includeGroups)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("model", "eval", "group", "n", "errors", "mean", "95% CI", "pass", "TTFT p50/p95 ms", "latency p50/p95 ms", "tokens in/out", "cost USD", "published");
        foreach (var r in rows.Where(r => includeGroups || r.Group == Summary.AllGroup))
        {
            var isAll = r.Group == Summary.AllGroup;
            table.AddRow(
                Markup.Escape(r.Model),
                Markup.Escape(r.Eval),
                isAll ? "[bold]all[/]" : Markup.Escape(r.Group),
                r.N.ToString(CultureInfo.InvariantCulture),
                r.NErrors == 0 ? "0" : $"[red]{r.NErrors}[/]",
                double.IsNaN(r.Score.Mean) ? "-" : (isAll ? $"[bold]{F(r.Score.Mean)}[/]" : F(r.Score.Mean)),
                double.IsNaN(r.Score.Low) ? "-" : $"{F(r.Score.Low)}-{F(r.Score.High)}",
                r.PassRate is { } pass ? F(pass) : "-",
                $"{Ms(r.TtftP50)}/{Ms(r.TtftP95)}",
                $"{Ms(r.LatencyP50)}/{Ms(r.LatencyP95)}",
                $"{r.PromptTokens.ToString(CultureInfo.InvariantCulture)}/{r.CompletionTokens.ToString(CultureInfo.InvariantCulture)}",
                Cost(r.CostUsd),
                r.Published is { } p ? Markup.Escape($"{F(p.ValuePercent / 100)} ({p.Source}, {p.Date})") : "");
        }
        console.Write(table);
    }

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>USD with four decimals; blank when the model has no price (simulator, unpriced endpoints).</summary>
    public static string Cost(double? usd) => usd is { } c ? c.ToString("0.0000", CultureInfo.InvariantCulture) : "";

    private static string Ms(double? v) => v is { } x ? x.ToString("0", CultureInfo.InvariantCulture) : "-";
}
