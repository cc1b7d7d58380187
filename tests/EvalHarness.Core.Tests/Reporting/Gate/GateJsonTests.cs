using System.Text.Json;
using EvalHarness.Core.Reporting.Comparison;
using EvalHarness.Core.Reporting.Gate;
using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Core.Tests.RunFolders;

namespace EvalHarness.Core.Tests.Reporting.Gate;

public sealed class GateJsonTests
{
    internal static GateRun Run(string id, string model, double[] scores, string hash = "h-niah")
    {
        var records = scores.Select((s, i) => Rows.Row(id, model, "niah", $"niah-{i:D3}", "g", s)).ToList();
        return new GateRun(id, id + "-folder", "default", "completed", records,
            new Dictionary<string, EvalFacts>(StringComparer.Ordinal) { ["niah"] = new("niah", hash, null, []) });
    }

    private static readonly double[] Good = [.. Enumerable.Repeat(1.0, 40)];
    private static readonly double[] Bad = [.. Enumerable.Repeat(1.0, 20), .. Enumerable.Repeat(0.0, 20)];

    [Fact]
    public void AFailIsWrittenWithTheEnginesNumbersAndExitCode3()
    {
        var report = GateEngine.Evaluate(Run("night2", "m", Bad), [Run("night1", "m", Good)], new GateSettings(), PriceTable.Empty);
        Assert.Equal("FAIL", report.Outcome);
        var path = Path.Combine(Path.GetTempPath(), "gate-json-" + Guid.NewGuid().ToString("N"), GateJson.FileName);
        GateJson.Write(path, report, "night2", ["night1"]);

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("schema").GetInt32());
        Assert.Equal("FAIL", root.GetProperty("verdict").GetString());
        Assert.Equal(3, root.GetProperty("exit_code").GetInt32());
        Assert.Equal("night2", root.GetProperty("candidate_run_id").GetString());
        Assert.Equal(["night1"], root.GetProperty("baseline_run_ids").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(0, root.GetProperty("guards").GetArrayLength());
        var cell = Assert.Single(root.GetProperty("cells").EnumerateArray().ToList());
        var c = Assert.Single(report.Cells);
        Assert.Equal("m", cell.GetProperty("model").GetString());
        Assert.Equal("niah", cell.GetProperty("eval").GetString());
        Assert.Equal("all", cell.GetProperty("group").GetString());
        Assert.Equal("FAIL", cell.GetProperty("verdict").GetString());
        Assert.Equal(40, cell.GetProperty("n").GetInt32());
        // Round-trip exact: the file carries the engine's doubles, not rounded display text.
        Assert.Equal(-0.5, cell.GetProperty("diff").GetDouble());
        Assert.Equal(c.High, cell.GetProperty("ci_high").GetDouble());
        Assert.Equal(c.Low, cell.GetProperty("ci_low").GetDouble());
        Assert.Equal(c.PHolm, cell.GetProperty("p_holm").GetDouble());
        Assert.Equal(c.Delta, cell.GetProperty("delta").GetDouble());
        Assert.Equal(c.Underpowered, cell.GetProperty("underpowered").GetBoolean());
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(path)!, "." + GateJson.FileName + ".tmp")));
    }

    [Fact]
    public void AGuardHasNoCellsExitCode4AndNaNsNeverReachTheFile()
    {
        var guard = GateEngine.Evaluate(Run("night2", "m", Good, hash: "other"), [Run("night1", "m", Good)], new GateSettings(), PriceTable.Empty);
        using var doc = JsonDocument.Parse(GateJson.ToJson(guard, "night2", ["night1"]));
        Assert.Equal("GUARD", doc.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(4, doc.RootElement.GetProperty("exit_code").GetInt32());
        Assert.Equal(0, doc.RootElement.GetProperty("cells").GetArrayLength());
        var g = doc.RootElement.GetProperty("guards")[0];
        Assert.Equal("prompt_hash", g.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(g.GetProperty("detail").GetString()));

        // One pair: no interval (NaN in the engine) is written as null, never as NaN; the verdict is PASS with exit 0.
        var pass = GateEngine.Evaluate(Run("night2", "m", [1.0]), [Run("night1", "m", [1.0])], new GateSettings(), PriceTable.Empty);
        Assert.True(double.IsNaN(pass.Cells[0].High));
        var json = GateJson.ToJson(pass, "night2", ["night1"]);
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        using var passDoc = JsonDocument.Parse(json);
        Assert.Equal("PASS", passDoc.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(0, passDoc.RootElement.GetProperty("exit_code").GetInt32());
        Assert.Equal(JsonValueKind.Null, passDoc.RootElement.GetProperty("cells")[0].GetProperty("ci_high").ValueKind);
    }
}
