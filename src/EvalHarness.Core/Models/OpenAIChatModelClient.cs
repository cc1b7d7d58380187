using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace EvalHarness.Core.Models;

/// <summary>
/// Chat completions over the official OpenAI SDK's pipeline, always streaming with usage, against any
/// OpenAI-compatible base URL. The SDK's own retries are switched off (its default policy retries with zero delay and
/// retries insufficient_quota); the engine owns retries. The stream is read by <see cref="ChatStreamReader"/>, not by
/// the SDK's typed stream (which throws on unknown named events and drops reasoning deltas). One instance per model;
/// thread-safe.
/// </summary>
public sealed class OpenAIChatModelClient : IModelClient, IRequestBodySource
{
    private readonly ChatClient _client;
    private readonly TimeSpan _timeout;
    private readonly string _modelId;
    private readonly bool _sendLegacyMaxTokens;

    public OpenAIChatModelClient(ModelSettings settings, Uri baseUrl, string apiKey)
    {
        ModelName = settings.Name;
        _timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        _modelId = settings.ApiModelId;
        _sendLegacyMaxTokens = settings.SendLegacyMaxTokens;
        var options = new OpenAIClientOptions
        {
            Endpoint = baseUrl,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // Our own deadline (below) decides; the SDK's default 100 s would cut long non-streaming calls short.
            NetworkTimeout = _timeout + TimeSpan.FromSeconds(30),
        };
        _client = new ChatClient(settings.ApiModelId, new ApiKeyCredential(apiKey), options);
    }

    public string ModelName { get; }

    public string ApiModelId => _modelId;

    ReadOnlyMemory<byte> IRequestBodySource.RequestBody(ModelRequest request) => RequestBody(request).ToMemory();

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        using var content = BinaryContent.Create(RequestBody(request));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        var options = new RequestOptions { BufferResponse = false, CancellationToken = deadline.Token };
        var clock = Stopwatch.StartNew();
        ChatStreamContent read;
        double ttfbMs;
        RateLimitInfo? limits;
        try
        {
            var result = await _client.CompleteChatAsync(content, options).ConfigureAwait(false);
            ttfbMs = clock.Elapsed.TotalMilliseconds;
            using var raw = result.GetRawResponse();
            limits = RateLimitInfo.Read(name => raw.Headers.TryGetValue(name, out var v) ? v : null);
            var body = raw.ContentStream ?? throw new ModelCallException(ErrorKind.Connection, "response without a body");
            read = await ChatStreamReader.ReadAsync(body, clock, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelCallException(ErrorKind.Timeout, $"no complete response within {_timeout.TotalSeconds:0.#} s");
        }
        catch (ClientResultException ex) when (ex.Status == 0 && IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }
        catch (ClientResultException ex)
        {
            throw ErrorClassifier.FromClientResult(ex);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException)
        {
            throw new ModelCallException(ErrorKind.Connection, "connection failed or stream broken: " + OneLine(ex.Message), inner: ex);
        }
        var latencyMs = clock.Elapsed.TotalMilliseconds;

        return new ModelResponse
        {
            Text = read.Text,
            Reasoning = read.Reasoning,
            Usage = read.Usage,
            ServedModel = read.ServedModel,
            FinishReason = read.FinishReason,
            TtfbMs = ttfbMs,
            FirstReasoningMs = read.FirstReasoningMs,
            TtftMs = read.FirstContentMs,
            LatencyMs = latencyMs,
            OutputTokensPerSecond = DecodeRate(read.Usage, read.FirstReasoningMs, read.FirstContentMs, read.LastTokenMs),
            RateLimits = limits,
        };
    }

    /// <summary>
    /// Tokens after the first one over the time from the first token of ANY kind to the last one. When reasoning was
    /// streamed, <c>completion_tokens</c> counts it (llama.cpp, vLLM and OpenAI all include reasoning there), so every
    /// completion token is timed. When it was not streamed (hidden reasoning), it was spent before the first content
    /// token and <c>reasoning_tokens</c> is left out. Null when usage or the times are missing: never a guess.
    /// </summary>
    internal static double? DecodeRate(TokenUsage? usage, double? firstReasoningMs, double? firstContentMs, double? lastTokenMs)
    {
        if (usage?.CompletionTokens is not { } completion || lastTokenMs is not { } last) return null;
        if ((firstReasoningMs ?? firstContentMs) is not { } first) return null;
        var timed = firstReasoningMs is not null ? completion : completion - (usage.ReasoningTokens ?? 0);
        var seconds = (last - first) / 1000.0;
        return timed > 1 && seconds > 0 ? (timed - 1) / seconds : null;
    }

    private static ModelCallException Unreachable(Exception ex) =>
        new(ErrorKind.Connection, "cannot connect: " + OneLine(ex.Message), inner: ex) { Unreachable = true };

    /// <summary>No connection was made (refused, unknown host), as opposed to one that broke after it was made.</summary>
    internal static bool IsUnreachable(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }) return true;
            if (ex is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.NetworkUnreachable }) return true;
        }
        return false;
    }

    /// <summary>The JSON body: streaming with usage, the limit as max_completion_tokens (and max_tokens when asked).</summary>
    private BinaryData RequestBody(ModelRequest request)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model", _modelId);
            w.WriteStartArray("messages");
            foreach (var m in request.Messages)
            {
                w.WriteStartObject();
                w.WriteString("role", m.Role is "system" or "assistant" ? m.Role : "user");
                w.WriteString("content", m.Content);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteBoolean("stream", true);
            w.WriteStartObject("stream_options");
            w.WriteBoolean("include_usage", true);
            w.WriteEndObject();
            w.WriteNumber("max_completion_tokens", request.MaxOutputTokens);
            // Ollama ignores max_completion_tokens.
            if (_sendLegacyMaxTokens) w.WriteNumber("max_tokens", request.MaxOutputTokens);
            w.WriteNumber("temperature", request.Temperature);
            w.WriteEndObject();
        }
        return BinaryData.FromBytes(buffer.WrittenMemory.ToArray());
    }

    internal static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
