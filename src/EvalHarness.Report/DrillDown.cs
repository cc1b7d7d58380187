using System.Globalization;
using System.Text;
using static EvalHarness.Report.Html;

namespace EvalHarness.Report;

/// <summary>
/// Per (model, eval, group) an openable table of its samples (<c>&lt;details&gt;</c>, no script): sample id, prompt
/// summary, response (from responses.jsonl; long ones cut with the full length shown), expected answer, score, error
/// and timing, so a red cell can be explained without opening the CSVs.
/// </summary>
internal sealed class DrillDown(StringBuilder sb, ReportData data)
{
    /// <summary>Responses longer than this many characters are cut; the full length is shown beside them.</summary>
    public const int MaxResponseChars = 600;

    public void Write(string eval)
    {
        sb.Append("<h3>Samples</h3>\n<p class=\"muted\">Open a group to see its samples. Responses come from <code>responses.jsonl</code>; ")
            .Append("prompt summary and expected answer from <code>samples_").Append(E(eval)).Append(".csv</code> (blank when the run did not write them).</p>\n");
        foreach (var side in data.Sides)
        {
            var groups = ReportTables.Of(data, side, eval).GroupBy(s => s.Group, StringComparer.Ordinal).OrderBy(g => g.Key, ReportTables.KeyComparer.Instance).ToList();
            if (groups.Count == 0) continue;
            sb.Append("<div class=\"drill\" data-model=\"").Append(E(side.Model)).Append("\">\n");
            foreach (var g in groups)
            {
                var stats = CellStats.Of(g);
                sb.Append("<details class=\"drill-down\" data-model=\"").Append(E(side.Model)).Append("\" data-side=\"").Append(E(side.Label)).Append("\" data-eval=\"")
                    .Append(E(eval)).Append("\" data-group=\"").Append(E(g.Key)).Append("\"><summary><span class=\"model-swatch\" style=\"background:")
                    .Append(data.Colors.Of(side.Model)).Append("\"></span>").Append(E(side.Label)).Append(" · ").Append(E(g.Key.Length == 0 ? "(no group)" : g.Key))
                    .Append(" <span class=\"muted\">").Append(E(EvalSection.Tip(stats))).Append("</span></summary>\n");
                sb.Append("<table class=\"samples\">\n<thead><tr><th class=\"rowkey\">sample</th><th class=\"rowkey\">prompt summary</th><th class=\"rowkey\">response</th>")
                    .Append("<th class=\"rowkey\">expected</th><th>score</th><th class=\"rowkey\">error</th><th>TTFT ms</th><th>latency ms</th></tr></thead>\n<tbody>\n");
                foreach (var s in g)
                {
                    var error = s.Row.ErrorKind.Length == 0 ? "" : s.Row.ErrorKind + (s.Row.ErrorMessage.Length > 0 ? ": " + s.Row.ErrorMessage : "");
                    sb.Append("<tr><td class=\"text\"><code>").Append(E(s.Row.SampleId)).Append("</code></td><td class=\"text\">").Append(E(s.Column("prompt_summary")))
                        .Append("</td><td class=\"text response\">");
                    Response(s.Response?.Response);
                    sb.Append("</td><td class=\"text\">").Append(E(s.Column("expected"))).Append("</td><td style=\"background:").Append(Ramp(s.Score)).Append("\">")
                        .Append(s.Score is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "–").Append("</td><td class=\"text\">").Append(E(error))
                        .Append("</td><td>").Append(Ms(s.Row.TtftMs)).Append("</td><td>").Append(Ms(s.Row.LatencyMs)).Append("</td></tr>\n");
                }
                sb.Append("</tbody>\n</table>\n</details>\n");
            }
            sb.Append("</div>\n");
        }
    }

    private void Response(string? text)
    {
        if (text is null)
        {
            sb.Append("<span class=\"muted\">–</span>");
            return;
        }
        if (text.Length <= MaxResponseChars)
        {
            sb.Append(E(text));
            return;
        }
        var cut = char.IsHighSurrogate(text[MaxResponseChars - 1]) ? MaxResponseChars - 1 : MaxResponseChars;
        sb.Append(E(text[..cut])).Append("<span class=\"trunc\"> … (cut; ").Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters in full)</span>");
    }
}
