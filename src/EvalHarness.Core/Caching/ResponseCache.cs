using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EvalHarness.Core.Models;
using EvalHarness.Core.Files;
using Microsoft.Data.Sqlite;

namespace EvalHarness.Core.Caching;

/// <summary>What a cached answer is filed under: the endpoint, the model id sent and the SHA-256 of the body as sent.</summary>
public sealed record CacheKey(string Endpoint, string Model, string BodySha256);

/// <summary>What <c>cache info</c> shows: entries, the stored responses' bytes, and the database file's size on disk.</summary>
public sealed record CacheInfo(string Path, long Entries, long Bytes, long FileBytes);

/// <summary>
/// The response cache: a SQLite file (WAL, busy timeout, schema version in <c>PRAGMA user_version</c>, like the
/// history). One row per (endpoint, model, body hash, served model) holds a successful, complete answer as JSON; size
/// bounds (<see cref="CacheSettings.MaxBytes"/>, <see cref="CacheSettings.MaxEntries"/>) evict the oldest rows first.
/// SQLite rather than files: one file to clear, atomic inserts from many concurrent requests (and two runs at once),
/// and the eviction order and totals are one query. Thread-safe (one connection behind a gate).
/// </summary>
public sealed class ResponseCache : IAsyncDisposable
{
    /// <summary>Migration i takes the database from version i to i + 1. Append; never edit a shipped one.</summary>
    private static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE entries (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            endpoint TEXT NOT NULL, model TEXT NOT NULL, body_sha256 TEXT NOT NULL, served_model TEXT NOT NULL,
            response TEXT NOT NULL, bytes INTEGER NOT NULL, created_utc TEXT NOT NULL);
        CREATE UNIQUE INDEX entries_key ON entries(endpoint, model, body_sha256, served_model);
        """,
    ];

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly long _maxBytes;
    private readonly long _maxEntries;

    private ResponseCache(string path, SqliteConnection connection, long maxBytes, long maxEntries)
    {
        Path = path;
        _connection = connection;
        _maxBytes = maxBytes;
        _maxEntries = maxEntries;
    }

    public string Path { get; }

    public static int SchemaVersion => Migrations.Count;

    /// <summary>Opens (creating when missing) the cache at <paramref name="path"/> with the bounds of <paramref name="settings"/>.</summary>
    public static async Task<ResponseCache> OpenAsync(string path, CacheSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // the file is closed when the cache is disposed
            DefaultTimeout = 60,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await MigrateAsync(connection, path, ct).ConfigureAwait(false);
            return new ResponseCache(path, connection, settings.MaxBytes, settings.MaxEntries);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new EvalInputException($"{path}: not a usable response cache ({OneLine(ex.Message)}); delete it or set Cache:Path");
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static bool Exists(string path) => File.Exists(path);

    /// <summary>The newest answer for <paramref name="key"/>; when <paramref name="servedModel"/> is known, only one that model served.</summary>
    public async Task<ModelResponse?> TryGetAsync(CacheKey key, string? servedModel, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var command = Command("""
                SELECT response FROM entries
                WHERE endpoint = $endpoint AND model = $model AND body_sha256 = $sha AND ($served IS NULL OR served_model = $served)
                ORDER BY seq DESC LIMIT 1
                """, ("$endpoint", key.Endpoint), ("$model", key.Model), ("$sha", key.BodySha256), ("$served", servedModel));
            var json = await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
            return json is null ? null : JsonSerializer.Deserialize<Stored>(json, Json)?.ToResponse();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stores a successful, complete answer (the caller decides what qualifies) and evicts the oldest entries beyond
    /// the bounds. An answer larger than <see cref="CacheSettings.MaxBytes"/> on its own is not stored. Returns whether it was stored.
    /// </summary>
    public async Task<bool> PutAsync(CacheKey key, ModelResponse response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(response);
        var json = JsonSerializer.Serialize(Stored.From(response), Json);
        long bytes = Encoding.UTF8.GetByteCount(json);
        if (_maxBytes > 0 && bytes > _maxBytes) return false;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            using (var insert = Command("""
                INSERT OR REPLACE INTO entries (endpoint, model, body_sha256, served_model, response, bytes, created_utc)
                VALUES ($endpoint, $model, $sha, $served, $response, $bytes, $now)
                """, ("$endpoint", key.Endpoint), ("$model", key.Model), ("$sha", key.BodySha256), ("$served", response.ServedModel ?? ""),
                ("$response", json), ("$bytes", bytes), ("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))))
            {
                insert.Transaction = tx;
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            if (_maxBytes > 0 || _maxEntries > 0)
            {
                // Keep the newest rows within both bounds; everything older goes.
                using var evict = Command("""
                    DELETE FROM entries WHERE seq IN (
                        SELECT seq FROM (
                            SELECT seq, SUM(bytes) OVER (ORDER BY seq DESC) AS newer_bytes, ROW_NUMBER() OVER (ORDER BY seq DESC) AS newer_rows
                            FROM entries)
                        WHERE ($maxBytes > 0 AND newer_bytes > $maxBytes) OR ($maxEntries > 0 AND newer_rows > $maxEntries))
                    """, ("$maxBytes", _maxBytes), ("$maxEntries", _maxEntries));
                evict.Transaction = tx;
                await evict.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            await tx.CommitAsync(ct).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<CacheInfo> InfoAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var command = Command("SELECT COUNT(*), TOTAL(bytes) FROM entries");
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            var entries = reader.GetInt64(0);
            var bytes = (long)reader.GetDouble(1);
            return new CacheInfo(Path, entries, bytes, FileBytes(Path));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Removes every entry and gives the space back to the file system. Returns the number removed.</summary>
    public async Task<long> ClearAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            long removed;
            using (var delete = Command("DELETE FROM entries"))
            {
                removed = await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            using (var vacuum = Command("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);"))
            {
                await vacuum.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            return removed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The database plus its write-ahead log: what the cache occupies on disk.</summary>
    private static long FileBytes(string path) =>
        new[] { path, path + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length);

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>WAL, a busy timeout (two runs sharing the cache wait for each other), then pending migrations in one IMMEDIATE transaction.</summary>
    private static Task MigrateAsync(SqliteConnection connection, string path, CancellationToken ct) =>
        SqliteSchema.MigrateAsync(connection, Migrations, path, "response cache", "another Cache:Path", ct);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary>The stored answer: its text and what the row shows about it. Timings are not kept: a cached answer has none.</summary>
    private sealed record Stored(
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("reasoning")] string? Reasoning,
        [property: JsonPropertyName("finish_reason")] string? FinishReason,
        [property: JsonPropertyName("served_model")] string? ServedModel,
        [property: JsonPropertyName("prompt_tokens")] int? PromptTokens,
        [property: JsonPropertyName("cached_tokens")] int? CachedTokens,
        [property: JsonPropertyName("completion_tokens")] int? CompletionTokens,
        [property: JsonPropertyName("reasoning_tokens")] int? ReasoningTokens,
        [property: JsonPropertyName("usage_missing")] bool UsageMissing)
    {
        public static Stored From(ModelResponse r) => new(
            r.Text, r.Reasoning, r.FinishReason, r.ServedModel,
            r.Usage?.PromptTokens, r.Usage?.CachedTokens, r.Usage?.CompletionTokens, r.Usage?.ReasoningTokens, r.Usage is null);

        public ModelResponse ToResponse() => new()
        {
            Text = Text,
            Reasoning = Reasoning,
            FinishReason = FinishReason,
            ServedModel = ServedModel,
            Usage = UsageMissing ? null : new TokenUsage(PromptTokens, CachedTokens, CompletionTokens, ReasoningTokens),
            FromCache = true,
        };
    }
}
