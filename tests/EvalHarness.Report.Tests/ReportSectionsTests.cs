using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Running;
using EvalHarness.Core.Files;

namespace EvalHarness.Report.Tests;

/// <summary>
/// A run folder in the per-eval layout (samples.csv + samples_&lt;eval&gt;.csv + summary.csv + responses.jsonl, written
/// with the project's CSV writer and journal type): IFEval's group tables, the default section of an eval without a
/// spec, the drill-down and the gate's verdict block.
/// </summary>
public sealed class ReportSectionsTests
{
    private static readonly string LongResponse = "<b>bold</b> " + new string('x', 1988);

    private static string Write()
    {
        var dir = Path.Combine(Path.GetTempPath(), "evalharness-tests", "sections-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        string[] core = ["run_id", "model", "eval", "sample_id", "group", "score", "passed", "error_kind", "error_message", "prompt_tokens", "ttft_ms", "latency_ms"];
        var rows = new List<string[]>();
        var ifeval = new List<string[]>();
        var journal = new List<JournalRecord>();
        foreach (var model in new[] { "m1", "m2" })
        {
            for (var i = 0; i < 3; i++)
            {
                var error = model == "m2" && i == 2;
                rows.Add(["r", model, "ifeval", $"p{i}", "all", error ? "" : (i == 0 ? "1" : "0"), "", error ? "timeout" : "", error ? "no answer in 60 s" : "", "100", "40", "90"]);
                ifeval.Add(["r", model, $"p{i}", $"prompt {i}: write in capitals", i == 0 ? "CAPITALS" : "", "change_case:english_capital"]);
                journal.Add(new JournalRecord { Model = model, Eval = "ifeval", Id = $"p{i}", Response = i == 1 ? LongResponse : $"answer {i}" });
            }
            rows.Add(["r", model, "exact", "e1", "kind=a", "1", "", "", "", "10", "5", "6"]);
            rows.Add(["r", model, "exact", "e2", "kind=b", "0", "", "", "", "10", "5", "6"]);
        }
        CsvTable.Write(Path.Combine(dir, "samples.csv"), core, rows);
        CsvTable.Write(Path.Combine(dir, "samples_ifeval.csv"), ["run_id", "model", "sample_id", "prompt_summary", "expected", "instruction_ids"], ifeval);
        File.WriteAllLines(Path.Combine(dir, "responses.jsonl"), journal.Select(j => JsonSerializer.Serialize(j)));
        var summary = new List<IEnumerable<string>>();
        foreach (var model in new[] { "m1", "m2" })
        {
            foreach (var (group, mean) in new[] { ("all", 0.33), ("metric=prompt_strict", 0.33), ("metric=prompt_loose", 0.5), ("metric=instruction_strict", 0.4),
                         ("metric=instruction_loose", 0.6), ("instruction=change_case:english_capital;mode=strict", 0.25), ("instruction=change_case:english_capital;mode=loose", 0.75) })
            {
                var v = new Dictionary<string, string>
                {
                    ["run_id"] = "r", ["model"] = model, ["eval"] = "ifeval", ["group"] = group, ["n"] = "3", ["n_errors"] = "0",
                    ["mean_score"] = F(mean), ["ci95_low"] = F(mean - 0.2), ["ci95_high"] = F(mean + 0.1),
                };
                summary.Add(Summary.Columns.Select(c => v.GetValueOrDefault(c, "")));
            }
        }
        CsvTable.Write(Path.Combine(dir, "summary.csv"), Summary.Columns, summary, Summary.NumericColumns);
        return dir;
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Section(string html, string eval) =>
        Regex.Match(html, $"<section class=\"eval-section\" id=\"eval-{eval}\".*?</section>", RegexOptions.Singleline).Value;

    [Fact]
    public void IfEvalShowsTheFourMetricsAndStrictAndLoosePerInstructionFromSummaryCsv()
    {
        var ifeval = Section(RunReport.Build([Write()]), "ifeval");
        Assert.Contains("IFEval: instruction following", ifeval);
        var metrics = Regex.Match(ifeval, "<h3>The four metrics</h3>.*?</table>", RegexOptions.Singleline).Value;
        Assert.Equal(["instruction_loose", "instruction_strict", "prompt_loose", "prompt_strict"],
            Regex.Matches(metrics, "<th scope=\"row\" class=\"rowkey\">(?<r>[^<]+)</th>").Select(m => m.Groups["r"].Value));
        Assert.Contains(">0.50 <span class=\"ci\">[0.30–0.60]</span></td>", metrics); // prompt_loose of the summary, not recomputed
        var perInstruction = Regex.Match(ifeval, "<h3>Per instruction: strict and loose</h3>.*?</table>", RegexOptions.Singleline).Value;
        Assert.Equal(["loose", "strict", "loose", "strict"], Regex.Matches(perInstruction, "<th scope=\"col\">(?<c>loose|strict)</th>").Select(m => m.Groups["c"].Value));
        var row = Regex.Match(perInstruction, "<tr><th scope=\"row\" class=\"rowkey\">change_case:english_capital</th>.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Equal(["0.75", "0.25", "0.75", "0.25"], Regex.Matches(row, "\">(?<v>[0-9.]+) <span").Select(m => m.Groups["v"].Value));
    }

    [Fact]
    public void AnEvalWithoutASpecGetsTheDefaultSectionOfScorePerGroupAndModel()
    {
        var exact = Section(RunReport.Build([Write()]), "exact");
        Assert.Contains("<h2>exact: score per group</h2>", exact);
        Assert.Equal(["kind=a", "kind=b"], Regex.Matches(exact, "<tr><th scope=\"row\" class=\"rowkey\">(?<r>[^<]+)</th>").Select(m => m.Groups["r"].Value));
        Assert.Equal(2, Regex.Count(exact, "<th scope=\"col\" data-model=\"m[12]\">"));
    }

    [Fact]
    public void EachModelEvalAndGroupHasAnOpenableSampleTableWithPromptResponseExpectedScoreErrorAndTiming()
    {
        var html = RunReport.Build([Write()]);
        var drills = Regex.Matches(html, "<details class=\"drill-down\" data-model=\"(?<m>[^\"]+)\" data-side=\"[^\"]+\" data-eval=\"(?<e>[^\"]+)\" data-group=\"(?<g>[^\"]+)\">");
        Assert.Equal(["m1 exact kind=a", "m1 exact kind=b", "m2 exact kind=a", "m2 exact kind=b", "m1 ifeval all", "m2 ifeval all"],
            drills.Select(d => $"{d.Groups["m"].Value} {d.Groups["e"].Value} {d.Groups["g"].Value}"));
        var m2 = Regex.Match(html, "<details class=\"drill-down\" data-model=\"m2\" data-side=\"m2\" data-eval=\"ifeval\".*?</details>", RegexOptions.Singleline).Value;
        var samples = Regex.Matches(m2, "<tr><td class=\"text\"><code>(?<id>[^<]+)</code>.*?</tr>", RegexOptions.Singleline).ToList();
        Assert.Equal(["p0", "p1", "p2"], samples.Select(s => s.Groups["id"].Value));
        Assert.Contains("<td class=\"text\">prompt 0: write in capitals</td><td class=\"text response\">answer 0</td><td class=\"text\">CAPITALS</td>", samples[0].Value);
        // A long response is escaped and cut, with its full length shown.
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt; xxx", samples[1].Value);
        Assert.DoesNotContain(new string('x', DrillDown.MaxResponseChars), samples[1].Value);
        Assert.Contains("(cut; 2000 characters in full)", samples[1].Value);
        // The errored sample: no score, its error, its timing.
        Assert.Contains(">–</td><td class=\"text\">timeout: no answer in 60 s</td><td>40</td><td>90</td>", samples[2].Value);
    }

    [Fact]
    public void AGatedRunOpensWithTheGateVerdictBlock()
    {
        var dir = Write();
        File.WriteAllText(Path.Combine(dir, "manifest.json"), """{"run_id": "r", "started_utc": "2026-03-01T02:00:00Z"}""");
        Directory.CreateDirectory(Path.Combine(dir, "gate"));
        File.WriteAllText(Path.Combine(dir, "gate", "gate.json"), """
            {"verdict": "FAIL", "candidate_run_id": "r", "baseline_run_ids": ["base"], "guards": [],
             "cells": [{"model": "m1", "eval": "ifeval", "group": "all", "verdict": "FAIL", "diff": -0.2, "ci_low": -0.3, "ci_high": -0.1}]}
            """);
        var html = RunReport.Build([dir]);
        var gate = html.IndexOf("<div class=\"gate fail\">", StringComparison.Ordinal);
        Assert.True(gate > 0 && gate < html.IndexOf("<table", StringComparison.Ordinal) && gate < html.IndexOf("<section", StringComparison.Ordinal));
        Assert.Contains("FAIL m1 / ifeval: -0.200 (CI -0.300 to -0.100)", html);
    }
}
