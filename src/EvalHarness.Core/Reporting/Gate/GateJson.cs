using System.Text.Json;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.Reporting.Gate;

/// <summary>
/// gate.json: the gate's verdict for machines (CI steps, the trend page). snake_case keys, invariant numbers, a
/// non-finite statistic (no p-value, too few pairs) as null. <c>schema</c> is bumped when a key changes meaning.
/// </summary>
public static class GateJson
{
    public const string FileName = "gate.json";

    public const int Schema = 1;

    /// <summary>The process exit code of a verdict: 0 pass (WARN included), 3 regression, 4 guard tripped.</summary>
    public static int ExitCode(GateReport report) => report.GuardTripped ? 4 : report.Regression ? 3 : 0;

    public static void Write(string path, GateReport report, string candidateRunId, IReadOnlyList<string> baselineRunIds) =>
        AtomicFile.Write(path, w => w.Write(ToJson(report, candidateRunId, baselineRunIds)));

    public static string ToJson(GateReport report, string candidateRunId, IReadOnlyList<string> baselineRunIds)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("schema", Schema);
            json.WriteString("verdict", report.Outcome);
            json.WriteNumber("exit_code", ExitCode(report));
            json.WriteString("candidate_run_id", candidateRunId);
            json.WriteString("candidate", report.Candidate);
            Strings(json, "baseline_run_ids", baselineRunIds);
            Strings(json, "baselines", report.Baselines);
            json.WriteStartArray("guards");
            foreach (var g in report.Guards)
            {
                json.WriteStartObject();
                json.WriteString("name", g.Name);
                json.WriteString("subject", g.Subject);
                json.WriteString("detail", g.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("cells");
            foreach (var c in report.Cells)
            {
                json.WriteStartObject();
                json.WriteString("model", c.Model);
                json.WriteString("baseline_model", c.BaselineModel);
                json.WriteString("eval", c.Eval);
                json.WriteString("group", c.Group);
                json.WriteString("verdict", c.Verdict.ToString().ToUpperInvariant());
                json.WriteBoolean("underpowered", c.Underpowered);
                json.WriteNumber("n", c.NPaired);
                Number(json, "mean_baseline", c.MeanBaseline);
                Number(json, "mean_candidate", c.MeanCandidate);
                Number(json, "diff", c.Diff);
                Number(json, "ci_level", c.CiLevel);
                Number(json, "ci_low", c.Low);
                Number(json, "ci_high", c.High);
                Number(json, "ci95_low", c.Ci95Low);
                Number(json, "ci95_high", c.Ci95High);
                Number(json, "p_value", c.PValue);
                Number(json, "p_holm", c.PHolm);
                Number(json, "delta", c.Delta);
                Number(json, "mde", c.Mde);
                json.WriteString("method", c.Method);
                json.WriteString("reason", c.Reason);
                json.WriteString("warning", c.Warning);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            Strings(json, "notes", report.Notes);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }
}
