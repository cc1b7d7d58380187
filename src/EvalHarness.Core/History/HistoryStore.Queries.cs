using EvalHarness.Core.Reporting.Gate;
using EvalHarness.Core.RunFolders;
using Microsoft.Data.Sqlite;

namespace EvalHarness.Core.History;

public sealed partial class HistoryStore
{
    /// <summary>Every run, newest first (started time, then run id), with its models and per-eval aggregate means.</summary>
    public async Task<IReadOnlyList<HistoryRunRow>> ListRunsAsync(CancellationToken ct)
    {
        var runs = new List<(string Id, string? Started, string? Suite, string Status, bool Accepted, string? AcceptedUtc, string? Verdict, string? Dir)>();
        using (var command = Command(null, "SELECT run_id, started_utc, suite, status, accepted, accepted_utc, gate_verdict, run_dir FROM runs ORDER BY started_utc DESC, run_id DESC", []))
        using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                runs.Add((reader.GetString(0), Str(reader, 1), Str(reader, 2), reader.GetString(3), reader.GetInt64(4) != 0, Str(reader, 5), Str(reader, 6), Str(reader, 7)));
        }
        var models = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        using (var command = Command(null, "SELECT run_id, model FROM run_models ORDER BY run_id, model", []))
        using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                (models.TryGetValue(reader.GetString(0), out var l) ? l : models[reader.GetString(0)] = []).Add(reader.GetString(1));
        }
        var means = new Dictionary<string, List<(string, string, double?)>>(StringComparer.Ordinal);
        using (var command = Command(null, "SELECT run_id, model, eval, mean FROM cells WHERE grp = $all ORDER BY run_id, eval, model", [("$all", Reporting.Summary.AllGroup)]))
        using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                (means.TryGetValue(reader.GetString(0), out var l) ? l : means[reader.GetString(0)] = []).Add((reader.GetString(1), reader.GetString(2), Num(reader, 3)));
        }
        return runs.Select(r => new HistoryRunRow(
            r.Id, r.Started, r.Suite, r.Status, models.GetValueOrDefault(r.Id) ?? [], means.GetValueOrDefault(r.Id) ?? [],
            r.Accepted, r.AcceptedUtc, r.Verdict, r.Dir)).ToList();
    }

    /// <summary>Whether the run is recorded.</summary>
    public async Task<bool> ContainsAsync(string runId, CancellationToken ct) =>
        await ScalarAsync(null, "SELECT COUNT(*) FROM runs WHERE run_id = $id", ct, ("$id", runId)).ConfigureAwait(false) > 0;

    /// <summary>Per run and summary cell (every group, including "all"), oldest run first: the trend page's input.</summary>
    public async Task<IReadOnlyList<HistoryCell>> ReadCellsAsync(string? suite, CancellationToken ct)
    {
        const string sql = """
            SELECT r.run_id, r.started_utc, c.model, m.served_model, c.eval, c.grp, c.n, c.n_errors, c.mean, c.ci95_low, c.ci95_high,
                   c.ttft_p50_ms, c.ttft_p95_ms, c.cost_usd, r.gate_verdict, r.accepted
            FROM cells c JOIN runs r ON r.run_id = c.run_id
            LEFT JOIN run_models m ON m.run_id = c.run_id AND m.model = c.model
            WHERE $suite IS NULL OR r.suite = $suite
            ORDER BY r.started_utc, r.run_id, c.model, c.eval, c.grp
            """;
        var cells = new List<HistoryCell>();
        using var command = Command(null, sql, [("$suite", suite)]);
        using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            cells.Add(new HistoryCell(
                reader.GetString(0), Str(reader, 1), reader.GetString(2), Str(reader, 3), reader.GetString(4), reader.GetString(5),
                Int(reader, 6), Int(reader, 7), Num(reader, 8), Num(reader, 9), Num(reader, 10), Num(reader, 11), Num(reader, 12),
                Num(reader, 13), Str(reader, 14), reader.GetInt64(15) != 0));
        }
        return cells;
    }

    /// <summary>The last <paramref name="k"/> accepted runs of <paramref name="suite"/> (newest first), without <paramref name="exceptRunId"/>, as the gate reads run folders.</summary>
    public async Task<IReadOnlyList<GateRun>> LoadAcceptedAsync(string? suite, int k, string? exceptRunId, CancellationToken ct)
    {
        var ids = new List<(string Id, string? Suite, string Status)>();
        using (var command = Command(null, """
            SELECT run_id, suite, status FROM runs
            WHERE accepted = 1 AND (suite IS $suite) AND ($except IS NULL OR run_id <> $except)
            ORDER BY started_utc DESC, run_id DESC LIMIT $k
            """, [("$suite", suite), ("$except", exceptRunId), ("$k", k)]))
        using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) ids.Add((reader.GetString(0), Str(reader, 1), reader.GetString(2)));
        }
        var runs = new List<GateRun>(ids.Count);
        foreach (var (id, runSuite, status) in ids) runs.Add(new GateRun(id, $"history {id}", runSuite, status, await SamplesAsync(id, ct).ConfigureAwait(false), await EvalFactsAsync(id, ct).ConfigureAwait(false)));
        return runs;
    }

    private async Task<IReadOnlyList<SampleRow>> SamplesAsync(string runId, CancellationToken ct)
    {
        var records = new List<SampleRow>();
        using var command = Command(null, """
            SELECT model, eval, sample_id, grp, score, is_error, ttft_ms, latency_ms, prompt_tokens, cached_tokens, completion_tokens, cost_usd, cluster, error_kind
            FROM samples WHERE run_id = $id ORDER BY seq
            """, [("$id", runId)]);
        using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            // The gate reads the core columns; an errored row keeps no score (errors are not wrong answers).
            records.Add(new SampleRow(
                runId, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(5) != 0 ? null : Num(reader, 4), null, Str(reader, 13) ?? "", "",
                Int(reader, 8), Int(reader, 9), Int(reader, 10), null, Num(reader, 6), Num(reader, 7), Num(reader, 11), Str(reader, 12),
                "", null, "", new Dictionary<string, string>()));
        }
        return records;
    }

    /// <summary>Null when the run had no manifest (no eval facts): the gate's manifest guard then says so.</summary>
    private async Task<IReadOnlyDictionary<string, EvalFacts>?> EvalFactsAsync(string runId, CancellationToken ct)
    {
        var facts = new Dictionary<string, EvalFacts>(StringComparer.Ordinal);
        using var command = Command(null, "SELECT eval, samples_sha256, dataset_version, file_sha256 FROM run_evals WHERE run_id = $id", [("$id", runId)]);
        using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var files = Str(reader, 3)?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
            facts[reader.GetString(0)] = new EvalFacts(reader.GetString(0), Str(reader, 1), Str(reader, 2), files);
        }
        return facts.Count == 0 ? null : facts;
    }

    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static double? Num(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static long? Int(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
}
