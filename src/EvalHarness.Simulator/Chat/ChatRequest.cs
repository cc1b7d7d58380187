using System.Globalization;
using System.Text;
using System.Text.Json;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;

namespace EvalHarness.Simulator.Chat;

/// <summary>A request the simulator cannot serve, reported as an OpenAI <c>invalid_request_error</c>.</summary>
internal sealed class InvalidRequestException(string message, string? param = null) : Exception(message)
{
    public string? Param { get; } = param;
}

/// <summary>The parts of a chat completions request the simulator uses; everything else is accepted and ignored.</summary>
internal sealed record ChatRequest(
    string Model,
    IReadOnlyList<ChatMessage> Messages,
    bool Stream,
    bool IncludeUsage,
    int? MaxCompletionTokens)
{
    /// <summary>The request's own <c>max_completion_tokens</c> and legacy <c>max_tokens</c> fields, as sent.</summary>
    public (int? MaxCompletionTokens, int? MaxTokens) LimitsSent { get; init; }

    public static ChatRequest Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidRequestException("The request body must be a JSON object.");

        if (!root.TryGetProperty("model", out var modelElement) || modelElement.ValueKind != JsonValueKind.String || modelElement.GetString() is not { Length: > 0 } model)
        {
            throw new InvalidRequestException("you must provide a model parameter", "model");
        }

        if (!root.TryGetProperty("messages", out var messagesElement) || messagesElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidRequestException("Missing required parameter: 'messages'.", "messages");
        }

        var messages = new List<ChatMessage>(messagesElement.GetArrayLength());
        var index = 0;
        foreach (var message in messagesElement.EnumerateArray())
        {
            messages.Add(ParseMessage(message, index++));
        }

        if (messages.Count == 0) throw new InvalidRequestException("Invalid 'messages': empty array. Expected an array with minimum length 1.", "messages");

        var stream = GetBool(root, "stream") ?? false;
        var includeUsage = false;
        if (root.TryGetProperty("stream_options", out var streamOptions) && streamOptions.ValueKind != JsonValueKind.Null)
        {
            if (!stream) throw new InvalidRequestException("The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options");
            if (streamOptions.ValueKind != JsonValueKind.Object) throw new InvalidRequestException("Invalid type for 'stream_options': expected an object.", "stream_options");
            includeUsage = GetBool(streamOptions, "include_usage", "stream_options.include_usage") ?? false;
        }

        // The newer name wins; older clients and some servers' clients only send max_tokens.
        var maxCompletion = GetPositiveInt(root, "max_completion_tokens");
        var legacy = GetPositiveInt(root, "max_tokens");
        return new ChatRequest(model, messages, stream, includeUsage, maxCompletion ?? legacy) { LimitsSent = (maxCompletion, legacy) };
    }

    private static ChatMessage ParseMessage(JsonElement message, int index)
    {
        var param = $"messages[{index}]";
        if (message.ValueKind != JsonValueKind.Object) throw new InvalidRequestException($"Invalid type for '{param}': expected an object.", param);
        if (!message.TryGetProperty("role", out var roleElement) || roleElement.ValueKind != JsonValueKind.String)
        {
            throw new InvalidRequestException($"Missing required parameter: '{param}.role'.", $"{param}.role");
        }

        var role = roleElement.GetString()!;
        if (role is not ("system" or "developer" or "user" or "assistant" or "tool"))
        {
            throw new InvalidRequestException($"Invalid value: '{role}'. Supported values are: 'system', 'developer', 'user', 'assistant', and 'tool'.", $"{param}.role");
        }

        var content = message.TryGetProperty("content", out var contentElement) ? ReadContent(contentElement, param) : "";
        return new ChatMessage(role, content);
    }

    // Content is a string or an array of parts; only text parts carry anything the simulator can read.
    private static string ReadContent(JsonElement content, string param)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Null:
                return "";
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object
                        && part.TryGetProperty("type", out var type) && type.ValueEquals("text")
                        && part.TryGetProperty("text", out var partText) && partText.ValueKind == JsonValueKind.String)
                    {
                        text.Append(partText.GetString());
                    }
                }

                return text.ToString();
            default:
                throw new InvalidRequestException($"Invalid type for '{param}.content': expected a string or an array.", $"{param}.content");
        }
    }

    private static bool? GetBool(JsonElement obj, string name, string? param = null)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InvalidRequestException($"Invalid type for '{param ?? name}': expected a boolean.", param ?? name),
        };
    }

    private static int? GetPositiveInt(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw new InvalidRequestException($"Invalid type for '{name}': expected an integer.", name);
        }

        if (number < 1) throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"Invalid '{name}': integer below minimum value. Expected a value >= 1, but got {number} instead."), name);
        return number;
    }
}
