namespace EvalHarness.Simulator.Batches;

/// <summary>The server's batches in creation order, and each model's enqueued tokens. Thread-safe.</summary>
internal sealed class BatchStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SimBatch> _byId = new(StringComparer.Ordinal);
    private readonly List<SimBatch> _ordered = [];

    public void Add(SimBatch batch)
    {
        lock (_gate)
        {
            _byId.Add(batch.Id, batch);
            _ordered.Add(batch);
        }
    }

    public bool TryGet(string id, out SimBatch batch)
    {
        lock (_gate) return _byId.TryGetValue(id, out batch!);
    }

    /// <summary>Newest first, after the batch <paramref name="after"/> (a cursor: that batch's id), at most <paramref name="limit"/>.</summary>
    public (IReadOnlyList<SimBatch> Page, bool HasMore) List(string? after, int limit)
    {
        lock (_gate)
        {
            var start = _ordered.Count - 1;
            if (after is not null)
            {
                var index = _ordered.FindIndex(b => string.Equals(b.Id, after, StringComparison.Ordinal));
                start = index < 0 ? -1 : index - 1;
            }

            var page = new List<SimBatch>(Math.Min(limit, start + 1));
            for (var i = start; i >= 0 && page.Count < limit; i--) page.Add(_ordered[i]);
            var last = start - page.Count;
            return (page, last >= 0);
        }
    }

    /// <summary>
    /// Admits <paramref name="tokens"/> for <paramref name="batch"/> if they fit under <paramref name="limit"/> together
    /// with what the model's other active batches hold; the batch holds them until <see cref="Release"/>.
    /// </summary>
    public bool TryEnqueue(SimBatch batch, string model, long tokens, long? limit)
    {
        lock (_gate)
        {
            if (limit is { } max)
            {
                long held = 0;
                foreach (var other in _ordered)
                {
                    if (!ReferenceEquals(other, batch) && string.Equals(other.Model, model, StringComparison.Ordinal)) held += other.EnqueuedTokens;
                }

                if (held + tokens > max) return false;
            }

            batch.Model = model;
            batch.EnqueuedTokens = tokens;
            return true;
        }
    }

    /// <summary>The batch no longer counts against its model's enqueued-token limit.</summary>
    public void Release(SimBatch batch)
    {
        lock (_gate) batch.EnqueuedTokens = 0;
    }
}
