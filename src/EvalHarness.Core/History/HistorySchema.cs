using EvalHarness.Core.Files;
using Microsoft.Data.Sqlite;

namespace EvalHarness.Core.History;

/// <summary>
/// The history schema as an ordered list of migrations; <c>PRAGMA user_version</c> is the number applied. A database
/// with a newer version than <see cref="Version"/> was written by a newer evalharness and is refused.
/// </summary>
internal static class HistorySchema
{
    /// <summary>Migration i (0-based) takes the database from version i to i + 1. Append; never edit a shipped one.</summary>
    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE runs (
            run_id TEXT PRIMARY KEY NOT NULL,
            started_utc TEXT, finished_utc TEXT, suite TEXT, seed TEXT, status TEXT NOT NULL,
            git_commit TEXT, harness_version TEXT, command_line TEXT, run_dir TEXT,
            recorded_utc TEXT NOT NULL,
            accepted INTEGER NOT NULL DEFAULT 0, accepted_utc TEXT,
            gate_verdict TEXT, gate_utc TEXT);
        CREATE INDEX runs_suite_started ON runs(suite, started_utc);
        CREATE TABLE run_models (
            run_id TEXT NOT NULL, model TEXT NOT NULL, served_model TEXT, base_url_host TEXT,
            PRIMARY KEY (run_id, model));
        CREATE TABLE run_evals (
            run_id TEXT NOT NULL, eval TEXT NOT NULL, samples_sha256 TEXT, dataset_version TEXT, file_sha256 TEXT,
            PRIMARY KEY (run_id, eval));
        CREATE TABLE cells (
            run_id TEXT NOT NULL, model TEXT NOT NULL, eval TEXT NOT NULL, grp TEXT NOT NULL,
            n INTEGER, n_errors INTEGER, mean REAL, ci95_low REAL, ci95_high REAL,
            ttft_p50_ms REAL, ttft_p95_ms REAL, latency_p50_ms REAL, latency_p95_ms REAL,
            prompt_tokens INTEGER, completion_tokens INTEGER, cost_usd REAL, n_length INTEGER,
            PRIMARY KEY (run_id, model, eval, grp));
        CREATE TABLE samples (
            run_id TEXT NOT NULL, seq INTEGER NOT NULL, model TEXT NOT NULL, eval TEXT NOT NULL, sample_id TEXT NOT NULL,
            grp TEXT NOT NULL, score REAL, is_error INTEGER NOT NULL, error_kind TEXT, ttft_ms REAL, latency_ms REAL,
            prompt_tokens INTEGER, cached_tokens INTEGER, completion_tokens INTEGER, cost_usd REAL, cluster TEXT,
            served_model TEXT,
            PRIMARY KEY (run_id, seq));
        """,
    ];

    public static int Version => Migrations.Count;

    /// <summary>Applies the pending migrations (WAL, busy timeout, one IMMEDIATE transaction); a newer file is refused.</summary>
    public static Task MigrateAsync(SqliteConnection connection, string path, CancellationToken ct) =>
        SqliteSchema.MigrateAsync(connection, Migrations, path, "history", "another --db", ct);
}
