using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Text;
using EvalHarness.Core.Evaluators;
using OpenAI;
using OpenAI.Chat;
using SdkChatMessage = OpenAI.Chat.ChatMessage;

namespace EvalHarness.Core.Models;

/// <summary>
/// Chat completions over the official OpenAI SDK, always streaming with usage, against any OpenAI-compatible base URL.
/// The SDK's own retries are switched off (its default policy retries with zero delay and retries insufficient_quota);
/// the engine owns retries. One instance per model; thread-safe.
/// </summary>
public sealed class OpenAIChatModelClient : IModelClient
{
    private readonly ChatClient _client;
    private readonly TimeSpan _timeout;

    public OpenAIChatModelClient(ModelSettings settings, Uri baseUrl, string apiKey)
    {
        ModelName = settings.Name;
        _timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
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

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var messages = request.Messages.Select(ToSdkMessage).ToList();
        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = request.MaxOutputTokens,
            Temperature = (float)request.Temperature,
        };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        string? servedModel = null;
        string? finishReason = null;
        double? ttftMs = null;
        var clock = Stopwatch.StartNew();
        try
        {
            await foreach (var update in _client.CompleteChatStreamingAsync(messages, options, deadline.Token).ConfigureAwait(false))
            {
                servedModel ??= string.IsNullOrEmpty(update.Model) ? null : update.Model;
                foreach (var part in update.ContentUpdate)
                {
                    if (string.IsNullOrEmpty(part.Text)) continue;
                    // TTFT stops on the first non-empty content, never on the role-only first chunk.
                    ttftMs ??= clock.Elapsed.TotalMilliseconds;
                    text.Append(part.Text);
                }
                if (update.FinishReason is { } reason) finishReason = ToWire(reason);
                if (update.Usage is not null) usage = update.Usage;
            }
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
        catch (Exception ex) when (ex is HttpRequestException or IOException or System.Text.Json.JsonException)
        {
            throw new ModelCallException(ErrorKind.Connection, "connection failed or stream broken: " + OneLine(ex.Message), inner: ex);
        }
        var latencyMs = clock.Elapsed.TotalMilliseconds;

        TokenUsage? tokenUsage = usage is null
            ? null
            : new TokenUsage(
                usage.InputTokenCount,
                usage.InputTokenDetails?.CachedTokenCount,
                usage.OutputTokenCount,
                usage.OutputTokenDetails?.ReasoningTokenCount);
        return new ModelResponse
        {
            Text = text.ToString(),
            Usage = tokenUsage,
            ServedModel = servedModel,
            FinishReason = finishReason,
            TtftMs = ttftMs,
            LatencyMs = latencyMs,
            OutputTokensPerSecond = DecodeRate(tokenUsage, ttftMs, latencyMs),
        };
    }

    /// <summary>
    /// Visible output tokens after the first one, over the time after the first content token. Reasoning tokens are
    /// produced before the first content token, so they are excluded (they are already inside completion_tokens).
    /// </summary>
    internal static double? DecodeRate(TokenUsage? usage, double? ttftMs, double latencyMs)
    {
        if (usage?.CompletionTokens is not { } completion || ttftMs is not { } ttft) return null;
        var visible = completion - (usage.ReasoningTokens ?? 0);
        var seconds = (latencyMs - ttft) / 1000.0;
        return visible > 1 && seconds > 0 ? (visible - 1) / seconds : null;
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

    private static SdkChatMessage ToSdkMessage(Evaluators.ChatMessage message) => message.Role switch
    {
        "system" => new SystemChatMessage(message.Content),
        "assistant" => new AssistantChatMessage(message.Content),
        _ => new UserChatMessage(message.Content),
    };

    private static string ToWire(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Stop => "stop",
        ChatFinishReason.Length => "length",
        ChatFinishReason.ContentFilter => "content_filter",
        ChatFinishReason.ToolCalls => "tool_calls",
        ChatFinishReason.FunctionCall => "function_call",
        _ => reason.ToString(),
    };

    internal static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
