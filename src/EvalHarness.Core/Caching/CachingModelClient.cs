using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Caching;

/// <summary>
/// Answers a request from the <see cref="ResponseCache"/> when the same endpoint and model were sent the very same body
/// before; otherwise sends it and stores the answer when it is successful and complete. A cached answer comes back
/// with <see cref="ModelResponse.FromCache"/> set and no timings, so it is journaled with <c>cached_response</c> and
/// left out of latency statistics and cost. Errors pass through and are never stored; so are answers without a
/// finish reason or cut by the output limit (<c>finish_reason=length</c>). Once this lane has seen which model the
/// endpoint serves, only answers of that served model are reused ("served model where known").
/// </summary>
internal sealed class CachingModelClient : IModelClient, ILocalAnswerSource
{
    private readonly IModelClient _inner;
    private readonly ResponseCache _cache;
    private readonly string _endpoint;
    private readonly string _modelId;
    private readonly Func<ModelRequest, ReadOnlyMemory<byte>> _body;
    private string? _served;

    /// <param name="inner">The client that sends (usually a RedactingModelClient around the OpenAI client).</param>
    /// <param name="endpoint">The endpoint as the manifest names it (base URL, secrets masked; "simulator" for the built-in one).</param>
    /// <param name="modelId">The model id sent in the body.</param>
    public CachingModelClient(IModelClient inner, ResponseCache cache, string endpoint, string modelId)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _cache = cache;
        _endpoint = NormalizeEndpoint(endpoint);
        _modelId = modelId;
        _body = BodyOf(inner, modelId);
    }

    public string ModelName => _inner.ModelName;

    /// <summary>Requests answered from the cache / sent to the endpoint by this client (for the run's notice line).</summary>
    public int Hits => Volatile.Read(ref _hits);

    public int Misses => Volatile.Read(ref _misses);

    private int _hits;
    private int _misses;

    /// <summary>The key a request is filed under: the SHA-256 of its body as sent (messages, limits, temperature, model id, everything).</summary>
    public CacheKey KeyOf(ModelRequest request) => new(_endpoint, _modelId, Convert.ToHexStringLower(SHA256.HashData(_body(request).Span)));

    public async Task<ModelResponse?> TryAnswerLocallyAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        if (await _cache.TryGetAsync(KeyOf(request), Volatile.Read(ref _served), cancellationToken).ConfigureAwait(false) is not { } cached) return null;
        Interlocked.Increment(ref _hits);
        return cached;
    }

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        // Looked up again: the engine asked before admission, but another lane may have stored it since.
        if (await TryAnswerLocallyAsync(request, cancellationToken).ConfigureAwait(false) is { } cached) return cached;
        var key = KeyOf(request);
        Interlocked.Increment(ref _misses);
        var response = await _inner.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.ServedModel is { Length: > 0 } served) Volatile.Write(ref _served, served);
        if (IsStorable(response))
        {
            // The answer is paid for: storing it must not be cut short by a Ctrl-C arriving now.
            await _cache.PutAsync(key, response, CancellationToken.None).ConfigureAwait(false);
        }
        return response;
    }

    /// <summary>Only successful, complete answers: a finish reason arrived and the output limit did not cut the text.</summary>
    public static bool IsStorable(ModelResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return !response.FromCache
            && response.FinishReason is { Length: > 0 } reason
            && !string.Equals(reason, "length", StringComparison.Ordinal);
    }

    /// <summary>"http://host/v1/" and "http://host/v1" are one endpoint.</summary>
    private static string NormalizeEndpoint(string endpoint) => endpoint.Trim().TrimEnd('/');

    /// <summary>
    /// The body exactly as sent, from the innermost client that can show it (decorators such as RedactingModelClient
    /// expose theirs as <c>Inner</c>); a client that cannot is keyed by a canonical JSON of the request instead.
    /// </summary>
    private static Func<ModelRequest, ReadOnlyMemory<byte>> BodyOf(IModelClient client, string modelId)
    {
        for (IModelClient? c = client; c is not null; c = (c as RedactingModelClient)?.Inner)
        {
            if (c is IRequestBodySource source) return source.RequestBody;
        }
        return request => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            model = modelId,
            messages = request.Messages.Select(m => new { role = m.Role, content = m.Content }),
            max_completion_tokens = request.MaxOutputTokens,
            temperature = request.Temperature,
        }));
    }
}
