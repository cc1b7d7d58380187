using System.Globalization;
using EvalHarness.Core.Evaluators;
using Microsoft.Data.Sqlite;

namespace EvalHarness.Core.History;

/// <summary>
/// The run history: a SQLite file (WAL, busy timeout, versioned schema). Each run is recorded in one transaction and
/// keyed by run_id: recording a run again REPLACES its facts, cells and samples and KEEPS its accepted mark and gate
/// verdict (a resumed run that finishes later updates its entry).
/// </summary>
public sealed partial class HistoryStore : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    private HistoryStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    public string Path { get; }

    /// <param name="create">False: a missing file is an input error instead of a new, empty history.</param>
    public static async Task<HistoryStore> OpenAsync(string path, bool create, CancellationToken ct)
    {
        if (!create && !File.Exists(path))
            throw new EvalInputException($"{path}: no history database (runs are recorded by `run`, or by `history import`)");
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false, // the file is closed when the store is disposed
            DefaultTimeout = 60,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await HistorySchema.MigrateAsync(connection, path, ct).ConfigureAwait(false);
            return new HistoryStore(path, connection);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new EvalInputException($"{path}: not a usable history database ({ex.Message})");
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Records (or re-records) a run in one transaction. Returns true when the run was already there.</summary>
    public async Task<bool> RecordAsync(RecordedRun run, CancellationToken ct)
    {
        using var tx = _connection.BeginTransaction(deferred: false);
        var existed = await ScalarAsync(tx, "SELECT COUNT(*) FROM runs WHERE run_id = $id", ct, ("$id", run.RunId)) > 0;
        foreach (var table in new[] { "run_models", "run_evals", "cells", "samples" })
            await ExecAsync(tx, $"DELETE FROM {table} WHERE run_id = $id", ct, ("$id", run.RunId)).ConfigureAwait(false);
        await ExecAsync(tx, """
            INSERT INTO runs (run_id, started_utc, finished_utc, suite, seed, status, git_commit, harness_version, command_line, run_dir, recorded_utc)
            VALUES ($id, $started, $finished, $suite, $seed, $status, $git, $version, $cmd, $dir, $now)
            ON CONFLICT(run_id) DO UPDATE SET started_utc = excluded.started_utc, finished_utc = excluded.finished_utc,
                suite = excluded.suite, seed = excluded.seed, status = excluded.status, git_commit = excluded.git_commit,
                harness_version = excluded.harness_version, command_line = excluded.command_line, run_dir = excluded.run_dir,
                recorded_utc = excluded.recorded_utc
            """, ct, ("$id", run.RunId), ("$started", run.StartedUtc), ("$finished", run.FinishedUtc), ("$suite", run.Suite),
            ("$seed", run.Seed), ("$status", run.Status), ("$git", run.GitCommit), ("$version", run.HarnessVersion),
            ("$cmd", run.CommandLine), ("$dir", run.RunDir), ("$now", Now())).ConfigureAwait(false);
        foreach (var m in run.Models)
        {
            await ExecAsync(tx, "INSERT OR REPLACE INTO run_models VALUES ($id, $model, $served, $host)", ct,
                ("$id", run.RunId), ("$model", m.Model), ("$served", m.ServedModel), ("$host", m.BaseUrlHost)).ConfigureAwait(false);
        }
        foreach (var e in run.Evals)
        {
            await ExecAsync(tx, "INSERT OR REPLACE INTO run_evals VALUES ($id, $eval, $sha, $version, $files)", ct,
                ("$id", run.RunId), ("$eval", e.Eval), ("$sha", e.SamplesSha256), ("$version", e.DatasetVersion),
                ("$files", e.FileSha256.Count == 0 ? null : string.Join(",", e.FileSha256))).ConfigureAwait(false);
        }
        await InsertCellsAsync(tx, run, ct).ConfigureAwait(false);
        await InsertSamplesAsync(tx, run, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return existed;
    }

    private async Task InsertCellsAsync(SqliteTransaction tx, RecordedRun run, CancellationToken ct)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT OR REPLACE INTO cells VALUES ($id, $model, $eval, $grp, $n, $nerr, $mean, $lo, $hi, $t50, $t95, $l50, $l95, $pt, $ct, $cost, $nlen)";
        var p = Parameters(command, "$id", "$model", "$eval", "$grp", "$n", "$nerr", "$mean", "$lo", "$hi", "$t50", "$t95", "$l50", "$l95", "$pt", "$ct", "$cost", "$nlen");
        foreach (var c in run.Cells)
        {
            Set(p, run.RunId, c.Model, c.Eval, c.Group, c.N, c.NErrors, c.Mean, c.Ci95Low, c.Ci95High, c.TtftP50Ms, c.TtftP95Ms,
                c.LatencyP50Ms, c.LatencyP95Ms, c.PromptTokens, c.CompletionTokens, c.CostUsd, c.NLength);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private async Task InsertSamplesAsync(SqliteTransaction tx, RecordedRun run, CancellationToken ct)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT INTO samples VALUES ($id, $seq, $model, $eval, $sid, $grp, $score, $iserr, $kind, $ttft, $lat, $pt, $cached, $ct, $cost, $cluster, $served)";
        var p = Parameters(command, "$id", "$seq", "$model", "$eval", "$sid", "$grp", "$score", "$iserr", "$kind", "$ttft", "$lat", "$pt", "$cached", "$ct", "$cost", "$cluster", "$served");
        var seq = 0;
        foreach (var r in run.Samples)
        {
            Set(p, run.RunId, seq++, r.Model, r.Eval, r.SampleId, r.Group, r.Score, r.IsError ? 1 : 0, Nullable(r.ErrorKind), r.TtftMs, r.LatencyMs,
                r.PromptTokens, r.CachedTokens, r.CompletionTokens, r.CostUsd, r.Cluster, Nullable(r.Column("served_model")));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static string? Nullable(string text) => text.Length > 0 ? text : null;

    /// <summary>Marks (or unmarks) a run as an accepted baseline. False when the run is not in the history.</summary>
    public async Task<bool> SetAcceptedAsync(string runId, bool accepted, CancellationToken ct)
    {
        using var tx = _connection.BeginTransaction(deferred: false);
        var n = await ExecAsync(tx, "UPDATE runs SET accepted = $a, accepted_utc = $at WHERE run_id = $id", ct,
            ("$a", accepted ? 1 : 0), ("$at", accepted ? Now() : null), ("$id", runId)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return n > 0;
    }

    /// <summary>Stores the gate's outcome (PASS, WARN, FAIL, GUARD) on the candidate run. False when the run is not in the history.</summary>
    public async Task<bool> SetGateVerdictAsync(string runId, string verdict, CancellationToken ct)
    {
        using var tx = _connection.BeginTransaction(deferred: false);
        var n = await ExecAsync(tx, "UPDATE runs SET gate_verdict = $v, gate_utc = $at WHERE run_id = $id", ct,
            ("$v", verdict), ("$at", Now()), ("$id", runId)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return n > 0;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names) =>
        names.Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();

    private static void Set(SqliteParameter[] parameters, params object?[] values)
    {
        for (var i = 0; i < parameters.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
    }

    private async Task<int> ExecAsync(SqliteTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        using var command = Command(tx, sql, args);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private async Task<long> ScalarAsync(SqliteTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        using var command = Command(tx, sql, args);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private SqliteCommand Command(SqliteTransaction? tx, string sql, (string Name, object? Value)[] args)
    {
        var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in args) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
