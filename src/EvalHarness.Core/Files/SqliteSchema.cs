using System.Globalization;
using Microsoft.Data.Sqlite;

namespace EvalHarness.Core.Files;

/// <summary>
/// A SQLite file's schema as an ordered list of migrations (the history, the response cache); <c>PRAGMA user_version</c>
/// is the number applied. A file with a newer version was written by a newer evalharness and is refused in one line.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>
    /// WAL (readers never block the writer), a busy timeout (two runs writing at the same moment wait for each other),
    /// then the pending migrations in one IMMEDIATE transaction (two processes opening a new file migrate it once).
    /// </summary>
    /// <param name="migrations">Migration i (0-based) takes the file from version i to i + 1.</param>
    /// <param name="what">What the file is, for the refusal ("history", "response cache").</param>
    /// <param name="instead">What the user can do instead of upgrading ("another --db").</param>
    public static async Task MigrateAsync(
        SqliteConnection connection, IReadOnlyList<string> migrations, string path, string what, string instead, CancellationToken ct)
    {
        await ExecAsync(connection, null, "PRAGMA busy_timeout = 30000;", ct).ConfigureAwait(false);
        Refuse(await UserVersionAsync(connection, null, ct).ConfigureAwait(false));
        await ExecAsync(connection, null, "PRAGMA journal_mode = WAL;", ct).ConfigureAwait(false);
        await ExecAsync(connection, null, "PRAGMA synchronous = NORMAL;", ct).ConfigureAwait(false);
        using var tx = connection.BeginTransaction(deferred: false);
        var version = await UserVersionAsync(connection, tx, ct).ConfigureAwait(false);
        Refuse(version);
        for (var v = (int)version; v < migrations.Count; v++)
        {
            await ExecAsync(connection, tx, migrations[v] + $"\nPRAGMA user_version = {v + 1};", ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);

        void Refuse(long found)
        {
            if (found > migrations.Count)
                throw new EvalInputException($"{path}: {what} schema version {found} is newer than this evalharness knows ({migrations.Count}); use a newer evalharness or {instead}");
        }
    }

    private static async Task<long> UserVersionAsync(SqliteConnection connection, SqliteTransaction? tx, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task ExecAsync(SqliteConnection connection, SqliteTransaction? tx, string sql, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
