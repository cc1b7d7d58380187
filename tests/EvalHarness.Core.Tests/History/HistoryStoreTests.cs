using System.Globalization;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.History;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.Reporting.Gate;
using EvalHarness.Core.Reporting.Pricing;
using EvalHarness.Core.RunFolders;
using Microsoft.Data.Sqlite;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.Tests.History;

/// <summary>The history database on real SQLite files: migrations, refusal of newer schemas, idempotent recording, baselines.</summary>
public sealed class HistoryStoreTests
{
    private static string NewDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "evalharness-tests", "history-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A run folder as `run` writes it: samples.csv, summary.csv and manifest.json (one eval, one model).</summary>
    private static string WriteRun(string root, string runId, string started, string model, double[] scores, string suite = "nightly", string served = "served-1")
    {
        var dir = Path.Combine(root, runId);
        Directory.CreateDirectory(dir);
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        CsvTable.Write(Path.Combine(dir, "samples.csv"),
            ["run_id", "model", "eval", "sample_id", "group", "score", "error_kind", "ttft_ms", "latency_ms", "cost_usd", "served_model", "cluster"],
            scores.Select((s, i) => new[] { runId, model, "niah", $"s{i:D2}", i % 2 == 0 ? "ctx=1000" : "ctx=2000", F(s), "", "40", "90", "0.001", served, "" }),
            new HashSet<string>(["score", "ttft_ms", "latency_ms", "cost_usd"], StringComparer.Ordinal));
        var mean = scores.Average();
        CsvTable.Write(Path.Combine(dir, "summary.csv"),
            ["run_id", "model", "eval", "group", "n", "n_errors", "mean_score", "ci95_low", "ci95_high", "ttft_p50_ms", "ttft_p95_ms", "cost_usd", "n_length"],
            [[runId, model, "niah", "all", scores.Length.ToString(CultureInfo.InvariantCulture), "0", F(mean), F(mean - 0.1), F(Math.Min(1, mean + 0.1)), "40", "45", "0.02", "0"]],
            new HashSet<string>(["n", "n_errors", "mean_score", "ci95_low", "ci95_high", "ttft_p50_ms", "ttft_p95_ms", "cost_usd", "n_length"], StringComparer.Ordinal));
        File.WriteAllText(Path.Combine(dir, "manifest.json"), $$"""
            {"run_id": "{{runId}}", "git_commit": "abc123", "command_line": "evalharness run", "suite": "{{suite}}", "seed": 42,
             "started_utc": "{{started}}", "finished_utc": "{{started}}", "status": "completed",
             "models": [{"name": "{{model}}", "base_url": "https://user:pw@api.example.com/v1?k=1"}],
             "evals": [{"name": "niah", "samples_sha256": "sha-niah", "details": {"dataset_version": "v3"} }],
             "served_models": {"{{model}}": ["{{served}}"]} }
            """);
        return dir;
    }

    private static async Task<long> CountAsync(string db, string sql)
    {
        await using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        await c.OpenAsync();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static readonly double[] Good = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0];

    [Fact]
    public async Task AnEmptyFileIsMigratedToTheCurrentVersionInWalMode()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = Path.Combine(NewDir(), "sub", "history.db");
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        await File.WriteAllBytesAsync(db, [], ct);
        await using (var store = await HistoryStore.OpenAsync(db, create: true, ct)) Assert.Empty(await store.ListRunsAsync(ct));
        Assert.Equal(HistorySchema.Version, await CountAsync(db, "PRAGMA user_version"));
        Assert.Equal(5, await CountAsync(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('runs','run_models','run_evals','cells','samples')"));
        await using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        await c.OpenAsync(ct);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync(ct));
        // Opening again applies nothing twice.
        await using (var again = await HistoryStore.OpenAsync(db, create: true, ct)) Assert.Empty(await again.ListRunsAsync(ct));
        Assert.Equal(HistorySchema.Version, await CountAsync(db, "PRAGMA user_version"));
    }

    [Fact]
    public async Task ANewerSchemaIsRefusedNamingTheFile()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = Path.Combine(NewDir(), "history.db");
        await using (var c = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            await c.OpenAsync(ct);
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"PRAGMA user_version = {HistorySchema.Version + 1}";
            await cmd.ExecuteNonQueryAsync(ct);
        }
        var ex = await Assert.ThrowsAsync<EvalInputException>(() => HistoryStore.OpenAsync(db, create: true, ct));
        Assert.StartsWith(db + ": history schema version " + (HistorySchema.Version + 1), ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        // Untouched: still the newer version, no tables created.
        Assert.Equal(HistorySchema.Version + 1, await CountAsync(db, "PRAGMA user_version"));
        Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM sqlite_master"));
    }

    [Fact]
    public async Task AMissingFileIsNotCreatedForReadingAndAForeignFileIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = NewDir();
        var missing = Path.Combine(dir, "none.db");
        var ex = await Assert.ThrowsAsync<EvalInputException>(() => HistoryStore.OpenAsync(missing, create: false, ct));
        Assert.StartsWith(missing + ":", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
        var text = Path.Combine(dir, "notes.db");
        await File.WriteAllTextAsync(text, string.Concat(Enumerable.Repeat("this is not a database. ", 40)), ct);
        ex = await Assert.ThrowsAsync<EvalInputException>(() => HistoryStore.OpenAsync(text, create: true, ct));
        Assert.StartsWith(text + ": not a usable history database", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordingTheSameRunTwiceReplacesItAndKeepsTheAcceptedMarkAndVerdict()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = NewDir();
        var db = Path.Combine(dir, "history.db");
        var folder = WriteRun(dir, "run-a", "2026-12-01T02:00:00+00:00", "m", Good);
        await using (var store = await HistoryStore.OpenAsync(db, create: true, ct))
        {
            Assert.False(await store.RecordAsync(RecordedRun.From(RunFolderReader.ReadFolder(folder)), ct));
            Assert.True(await store.SetAcceptedAsync("run-a", true, ct));
            Assert.True(await store.SetGateVerdictAsync("run-a", "PASS", ct));
            Assert.False(await store.SetAcceptedAsync("run-unknown", true, ct));
            Assert.True(await store.RecordAsync(RecordedRun.From(RunFolderReader.ReadFolder(folder)), ct));
            var run = Assert.Single(await store.ListRunsAsync(ct));
            Assert.True(run.Accepted);
            Assert.Equal("PASS", run.GateVerdict);
            Assert.Equal("nightly", run.Suite);
            Assert.Equal("2026-12-01T02:00:00.000Z", run.StartedUtc);
            Assert.Equal(["m"], run.Models);
            Assert.Equal(11.0 / 12, Assert.Single(run.EvalMeans).Mean!.Value, 12);
        }
        Assert.Equal(1, await CountAsync(db, "SELECT COUNT(*) FROM runs"));
        Assert.Equal(12, await CountAsync(db, "SELECT COUNT(*) FROM samples"));
        Assert.Equal(1, await CountAsync(db, "SELECT COUNT(*) FROM cells"));
        // Host only: the base URL's user info, path and query are not stored.
        Assert.Equal(1, await CountAsync(db, "SELECT COUNT(*) FROM run_models WHERE base_url_host = 'api.example.com' AND served_model = 'served-1'"));
        Assert.Equal(1, await CountAsync(db, "SELECT COUNT(*) FROM run_evals WHERE samples_sha256 = 'sha-niah' AND dataset_version = 'v3'"));
    }

    [Fact]
    public async Task TwoStoresRecordingAtOnceLoseNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = NewDir();
        var db = Path.Combine(dir, "history.db");
        var runs = Enumerable.Range(0, 6).Select(i => RecordedRun.From(RunFolderReader.ReadFolder(WriteRun(dir, $"run-{i}", $"2026-12-0{i + 1}T02:00:00Z", "m", Good)))).ToList();
        await Task.WhenAll(runs.Select(run => Task.Run(async () =>
        {
            await using var store = await HistoryStore.OpenAsync(db, create: true, ct);
            await store.RecordAsync(run, ct);
        }, ct)));
        Assert.Equal(6, await CountAsync(db, "SELECT COUNT(*) FROM runs"));
        Assert.Equal(72, await CountAsync(db, "SELECT COUNT(*) FROM samples"));
    }

    [Fact]
    public async Task CellsForTheTrendCarryServedModelVerdictAndAcceptedMarkOldestFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = NewDir();
        await using var store = await HistoryStore.OpenAsync(Path.Combine(dir, "history.db"), create: true, ct);
        await store.RecordAsync(RecordedRun.From(RunFolderReader.ReadFolder(WriteRun(dir, "night-2", "2026-12-02T02:00:00Z", "m", Good, served: "served-2"))), ct);
        await store.RecordAsync(RecordedRun.From(RunFolderReader.ReadFolder(WriteRun(dir, "night-1", "2026-12-01T02:00:00Z", "m", Good))), ct);
        await store.RecordAsync(RecordedRun.From(RunFolderReader.ReadFolder(WriteRun(dir, "other", "2026-12-03T02:00:00Z", "m", Good, suite: "weekly"))), ct);
        await store.SetAcceptedAsync("night-1", true, ct);
        await store.SetGateVerdictAsync("night-2", "FAIL", ct);

        var cells = await store.ReadCellsAsync("nightly", ct);
        Assert.Equal(["night-1", "night-2"], cells.Select(c => c.RunId));
        Assert.Equal(["served-1", "served-2"], cells.Select(c => c.ServedModel));
        Assert.Equal([true, false], cells.Select(c => c.Accepted));
        Assert.Equal([null, "FAIL"], cells.Select(c => c.GateVerdict));
        Assert.All(cells, c => Assert.Equal((12L, 0L, "all", 45.0, 0.02), (c.N!.Value, c.NErrors!.Value, c.Group, c.TtftP95Ms!.Value, c.CostUsd!.Value)));
        Assert.Equal(3, (await store.ReadCellsAsync(null, ct)).Count);
    }

    [Fact]
    public async Task AcceptedRunsFromHistoryGateExactlyAsTheirRunFolders()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = NewDir();
        double[] second = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0];
        double[] worse = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0];
        var a = WriteRun(dir, "base-1", "2026-12-01T02:00:00Z", "m", Good);
        var b = WriteRun(dir, "base-2", "2026-12-02T02:00:00Z", "m", second);
        var old = WriteRun(dir, "base-0", "2026-11-30T02:00:00Z", "m", worse);
        var candidate = WriteRun(dir, "cand", "2026-12-03T02:00:00Z", "m", worse);
        await using var store = await HistoryStore.OpenAsync(Path.Combine(dir, "history.db"), create: true, ct);
        foreach (var folder in new[] { a, b, old, candidate }) await store.RecordAsync(RecordedRun.From(RunFolderReader.ReadFolder(folder)), ct);
        var none = new HistoryBaseline(store, "nightly", 1, "cand");
        var ex = await Assert.ThrowsAsync<EvalInputException>(() => none.LoadAsync(ct));
        Assert.Contains("no accepted run of suite 'nightly'", ex.Message, StringComparison.Ordinal);
        foreach (var id in new[] { "base-0", "base-1", "base-2", "cand" }) await store.SetAcceptedAsync(id, true, ct);

        var history = new HistoryBaseline(store, "nightly", 2, "cand");
        var loaded = await history.LoadAsync(ct);
        Assert.Equal(["base-2", "base-1"], loaded.Select(r => r.RunId)); // newest two accepted, the candidate excluded
        var cand = GateRun.From(RunFolderReader.ReadFolder(candidate), candidate);
        var fromHistory = await GateEngine.RunAsync(cand, history, new GateSettings(), PriceTable.Empty, ct);
        var fromFolders = await GateEngine.RunAsync(cand, new RunFolderBaseline([b, a]), new GateSettings(), PriceTable.Empty, ct);
        Assert.Empty(fromHistory.Guards);
        var h = Assert.Single(fromHistory.Cells);
        var f = Assert.Single(fromFolders.Cells);
        Assert.Equal((f.MeanBaseline, f.Diff, f.PValue, f.Low, f.High, f.Verdict), (h.MeanBaseline, h.Diff, h.PValue, h.Low, h.High, h.Verdict));
        Assert.Equal((10.5 / 12) - (4.0 / 12), h.MeanBaseline - h.MeanCandidate, 12);
        Assert.Empty(await store.LoadAcceptedAsync("weekly", 5, null, ct));
    }
}
