using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Text.Json;
using OpenAI;
using OpenAI.Models;

namespace EvalHarness.Core.Models;

/// <summary>
/// One entry of an endpoint's <c>GET /models</c>. OpenAI's model objects carry only id, created and owned_by today;
/// <c>shutdown_date</c>, <c>deprecation_date</c> (ISO date or date-time, or unix seconds) and <c>deprecated</c> (bool)
/// are read as optional extension fields where a server or proxy adds them.
/// </summary>
internal sealed record ModelListing(string Id, DateOnly? ShutdownDate, DateOnly? DeprecationDate, bool Deprecated);

/// <summary>
/// What an endpoint's model list said: <see cref="Available"/> false (with <see cref="Reason"/>) when the endpoint does
/// not offer one (404/405/501, an answer that is not a list, a network error or timeout), so nothing can be checked.
/// </summary>
internal sealed class ModelCatalog
{
    private readonly Dictionary<string, ModelListing> _models;
    private readonly OpenAIModelClient? _client;
    private readonly TimeSpan _timeout;

    private ModelCatalog(bool available, string? reason, Dictionary<string, ModelListing> models, OpenAIModelClient? client, TimeSpan timeout)
    {
        Available = available;
        Reason = reason;
        _models = models;
        _client = client;
        _timeout = timeout;
    }

    public bool Available { get; }

    /// <summary>Why no list could be read (e.g. "HTTP 404"); null when <see cref="Available"/>.</summary>
    public string? Reason { get; }

    public IReadOnlyCollection<ModelListing> Models => _models.Values;

    /// <summary>An available catalog of listings already read (no retrieval fallback for ids it lacks).</summary>
    public static ModelCatalog Of(IEnumerable<ModelListing> listings)
    {
        var models = new Dictionary<string, ModelListing>(StringComparer.Ordinal);
        foreach (var l in listings) models[l.Id] = l;
        return new ModelCatalog(true, null, models, null, TimeSpan.Zero);
    }

    public static ModelCatalog Unavailable(string reason) => new(false, reason, new(StringComparer.Ordinal), null, TimeSpan.Zero);

    /// <summary>
    /// <c>GET {baseUrl}/models</c> through the OpenAI SDK (protocol method): at most one retry (the SDK's own policy,
    /// 0.8 s back-off, on connection errors and 408/429/5xx), <paramref name="timeout"/> per attempt. Never throws for
    /// HTTP or network failures: those make an unavailable catalog.
    /// </summary>
    public static async Task<ModelCatalog> FetchAsync(Uri baseUrl, string apiKey, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var options = new OpenAIClientOptions { Endpoint = baseUrl, RetryPolicy = new ClientRetryPolicy(maxRetries: 1), NetworkTimeout = timeout };
        var client = new OpenAIModelClient(new ApiKeyCredential(apiKey), options);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout * 2 + TimeSpan.FromSeconds(2));
        try
        {
            var result = await client.GetModelsAsync(new RequestOptions { CancellationToken = deadline.Token, ErrorOptions = ClientErrorBehaviors.NoThrow }).ConfigureAwait(false);
            using var raw = result.GetRawResponse();
            if (raw.Status != 200) return Unavailable(string.Create(CultureInfo.InvariantCulture, $"HTTP {raw.Status}"));
            using var doc = JsonDocument.Parse(raw.Content);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                return Unavailable("the answer is not a model list");
            var models = new Dictionary<string, ModelListing>(StringComparer.Ordinal);
            foreach (var entry in data.EnumerateArray())
            {
                if (Parse(entry) is { } listing) models[listing.Id] = listing;
            }
            // An empty list says nothing about the ids the endpoint accepts: no check rather than refusing everything.
            return models.Count == 0 ? Unavailable("the model list is empty") : new ModelCatalog(true, null, models, client, timeout);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Unavailable(string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.#} s"));
        }
        catch (ClientResultException ex)
        {
            return Unavailable(ex.Status == 0 ? "unreachable" : string.Create(CultureInfo.InvariantCulture, $"HTTP {ex.Status}"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Connection failures (after the retry: an AggregateException), bad JSON: best effort, the run decides.
            return Unavailable(ex is JsonException ? "the answer is not JSON" : "unreachable");
        }
    }

    /// <summary>
    /// The listing of <paramref name="id"/>: from the list, else <c>GET /models/{id}</c> (lists can be partial, and
    /// servers such as the simulator accept ids of a family they do not enumerate). Null = the endpoint does not know it.
    /// </summary>
    public async Task<ModelListing?> FindAsync(string id, CancellationToken ct)
    {
        if (_models.TryGetValue(id, out var listing)) return listing;
        if (_client is null) return null;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_timeout * 2 + TimeSpan.FromSeconds(2));
        try
        {
            var result = await _client.GetModelAsync(id, new RequestOptions { CancellationToken = deadline.Token, ErrorOptions = ClientErrorBehaviors.NoThrow }).ConfigureAwait(false);
            using var raw = result.GetRawResponse();
            if (raw.Status != 200) return null;
            using var doc = JsonDocument.Parse(raw.Content);
            return Parse(doc.RootElement) is { } found && string.Equals(found.Id, id, StringComparison.Ordinal) ? found : null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    private static ModelListing? Parse(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String) return null;
        var deprecated = entry.TryGetProperty("deprecated", out var d) && d.ValueKind == JsonValueKind.True;
        return new ModelListing(id.GetString()!, ReadDate(entry, "shutdown_date"), ReadDate(entry, "deprecation_date"), deprecated);
    }

    /// <summary>An ISO date or date-time (taken in UTC), or unix seconds as a number or a string of digits; else null.</summary>
    public static DateOnly? ReadDate(JsonElement entry, string name)
    {
        if (!entry.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number) return value.TryGetInt64(out var seconds) ? FromUnix(seconds) : null;
        return value.ValueKind == JsonValueKind.String ? ParseDate(value.GetString()!) : null;
    }

    public static DateOnly? ParseDate(string text)
    {
        text = text.Trim();
        if (text.Length > 0 && text.All(char.IsAsciiDigit)) return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? FromUnix(s) : null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? DateOnly.FromDateTime(at.UtcDateTime)
            : null;
    }

    private static DateOnly? FromUnix(long seconds) =>
        seconds is >= 0 and <= 253_402_300_799 ? DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime) : null;
}
