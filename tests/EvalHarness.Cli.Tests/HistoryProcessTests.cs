using System.Text.Json.Nodes;
using EvalHarness.Core.History;

namespace EvalHarness.Cli.Tests;

/// <summary>`run` recording into results/history.db, `history` verbs and `gate --baseline-history`, as real processes on the simulator.</summary>
public sealed class HistoryProcessTests
{
    private static readonly string[] Niah = ["--evals", "niah", "--plain", "-o", "niah.context_lengths=2000,12000,24000", "-o", "niah.depths=0,10,20,30,40,50,60,70,80,90,100"];

    private static async Task<(string Dir, string RunId)> RunAsync(string work, string name, string model, CancellationToken ct, params string[] extra)
    {
        var dir = Path.Combine(work, name);
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, ["run", .. Niah, "--models", model, "--out", dir, .. extra]);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        return (dir, RunIdOf(dir));
    }

    private static string RunIdOf(string dir) => (string)JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")))!["run_id"]!;

    private static Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(string work, CancellationToken ct, params string[] args) =>
        CliProcess.RunAsync(work, null, ct, args);

    [Fact]
    public async Task TwoRunsFinishingAtOnceAreBothRecordedInFull()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var runs = await Task.WhenAll(new[] { "a", "b" }.Select(name => CliAsync(work, ct, "run", "--evals", "niah,ifeval", "--plain", "--limit", "4", "--models", "sim-oracle", "--out", Path.Combine(work, name))));
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.Stdout}\n{r.Stderr}"));
        Assert.All(runs, r => Assert.Contains("Recorded in history", r.Stdout, StringComparison.Ordinal));

        var db = Path.Combine(work, "results", "history.db");
        await using var store = await HistoryStore.OpenAsync(db, create: false, ct);
        var listed = await store.ListRunsAsync(ct);
        Assert.Equal(new[] { RunIdOf(Path.Combine(work, "a")), RunIdOf(Path.Combine(work, "b")) }.Order(StringComparer.Ordinal), listed.Select(r => r.RunId).Order(StringComparer.Ordinal));
        foreach (var run in listed)
        {
            var cells = (await store.ReadCellsAsync("default", ct)).Where(c => c.RunId == run.RunId && c.Group == "all").ToList();
            Assert.Equal(["ifeval", "niah"], cells.Select(c => c.Eval).Order(StringComparer.Ordinal));
            Assert.All(cells, c => Assert.Equal(4, c.N));
        }

        var (exit, stdout, stderr) = await CliAsync(work, ct, "history");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.All(listed, r => Assert.Contains(r.RunId, stdout, StringComparison.Ordinal));
        Assert.Contains("2 runs, 0 accepted", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportIsIdempotentAndSkipsWhatIsNotARunFolder()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var (dir, runId) = await RunAsync(work, "night", "sim-oracle", ct, "--no-history", "--limit", "5");
        Assert.False(File.Exists(Path.Combine(work, "results", "history.db")));
        var db = Path.Combine(work, "custom", "h.db");
        Directory.CreateDirectory(Path.Combine(work, "empty"));

        var (exit, stdout, stderr) = await CliAsync(work, ct, "history", "import", dir, Path.Combine(work, "empty"), "--db", db);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains($"imported {runId}", stdout, StringComparison.Ordinal);
        Assert.Contains("skipped " + Path.Combine(work, "empty") + ": not a run folder", stdout, StringComparison.Ordinal);
        Assert.Contains("1 imported, 0 replaced, 1 skipped", stdout, StringComparison.Ordinal);

        (exit, stdout, stderr) = await CliAsync(work, ct, "history", "accept", runId, "--db", db);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        (exit, stdout, _) = await CliAsync(work, ct, "history", "import", dir, "--db", db);
        Assert.Equal(0, exit);
        Assert.Contains("0 imported, 1 replaced, 0 skipped", stdout, StringComparison.Ordinal);

        await using var store = await HistoryStore.OpenAsync(db, create: false, ct);
        var run = Assert.Single(await store.ListRunsAsync(ct));
        Assert.True(run.Accepted); // the re-import kept the mark
        Assert.Equal(5, Assert.Single(await store.ReadCellsAsync(null, ct), c => c.Group == "all").N);

        (exit, _, stderr) = await CliAsync(work, ct, "history", "accept", "no-such-run", "--db", db);
        Assert.Equal(2, exit);
        Assert.Equal($"error: {db}: no run 'no-such-run' in the history (see `evalharness history`)", stderr.Trim());
    }

    [Fact]
    public async Task GateFromAcceptedHistoryPassesTheSameModelAndFailsAWorseOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var (_, baseId) = await RunAsync(work, "base", "sim-oracle", ct);
        var (same, sameId) = await RunAsync(work, "same", "sim-oracle", ct);
        var (drop, dropId) = await RunAsync(work, "drop", "sim-window-8k", ct);

        // Nothing accepted yet: no baseline, one line, exit 2.
        var (exit, stdout, stderr) = await CliAsync(work, ct, "gate", same, "--baseline-history");
        Assert.True(exit == 2, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("no accepted run of suite 'default'", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));

        (exit, stdout, stderr) = await CliAsync(work, ct, "history", "accept", baseId);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");

        (exit, stdout, stderr) = await CliAsync(work, ct, "gate", same, "--baseline-history", "1");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.StartsWith("GATE: PASS", stdout, StringComparison.Ordinal);
        Assert.Contains($"gate verdict PASS recorded for {sameId}", stdout, StringComparison.Ordinal);

        (exit, stdout, stderr) = await CliAsync(work, ct, "gate", drop, "--baseline-history");
        Assert.True(exit == 3, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.StartsWith("GATE: FAIL", stdout, StringComparison.Ordinal);

        // Both baselines at once is ambiguous.
        (exit, _, stderr) = await CliAsync(work, ct, "gate", drop, "--baseline-history", "--baseline", same);
        Assert.Equal(2, exit);

        (exit, stdout, _) = await CliAsync(work, ct, "history", "list");
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n');
        Assert.Contains(lines, l => l.Contains(dropId, StringComparison.Ordinal) && l.Contains("FAIL", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(sameId, StringComparison.Ordinal) && l.Contains("PASS", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(baseId, StringComparison.Ordinal) && l.Contains('*', StringComparison.Ordinal));
        // Newest first.
        Assert.True(stdout.IndexOf(dropId, StringComparison.Ordinal) < stdout.IndexOf(baseId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANewerSchemaIsRefusedWithExitCode2AndDoesNotFailARun()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var db = Path.Combine(work, "results", "history.db");
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            await c.OpenAsync(ct);
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 999";
            await cmd.ExecuteNonQueryAsync(ct);
        }
        var (exit, stdout, stderr) = await CliAsync(work, ct, "history", "--db", db);
        Assert.True(exit == 2, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.StartsWith($"error: {db}: history schema version 999 is newer", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));

        // A run still succeeds; the history failure is one warning line.
        (exit, stdout, stderr) = await CliAsync(work, ct, "run", "--evals", "niah", "--plain", "--limit", "2", "--models", "sim-oracle", "--out", Path.Combine(work, "r"));
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Single(stdout.Split('\n'), l => l.StartsWith("history not recorded:", StringComparison.Ordinal) && l.Contains("999", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(work, "r", "summary.csv")));

        // History:Path moves the default database (relative to ResultsDir).
        (exit, stdout, stderr) = await CliAsync(work, ct, "run", "--evals", "niah", "--plain", "--limit", "2", "--models", "sim-oracle", "--out", Path.Combine(work, "r2"), "--set", "History:Path=nightly/h.db");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.True(File.Exists(Path.Combine(work, "results", "nightly", "h.db")));
    }
}
