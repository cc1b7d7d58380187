using System.ClientModel;
using System.Globalization;
using System.Text.Json;

namespace EvalHarness.Core.Models;

/// <summary>
/// Turns an HTTP failure into an <see cref="ErrorKind"/> and a server-requested delay. Reads the OpenAI error body,
/// because status alone cannot tell a rate limit (retry) from insufficient_quota (billing: never retry).
/// </summary>
internal static class ErrorClassifier
{
    public static ModelCallException FromClientResult(ClientResultException ex)
    {
        var response = ex.GetRawResponse();
        string? body = null;
        try
        {
            body = response?.Content?.ToString();
        }
        catch (InvalidOperationException)
        {
            // Streaming responses may not have buffered content.
        }
        var error = ParseError(body);
        TimeSpan? retryAfter = null;
        RateLimitInfo? limits = null;
        if (response is not null)
        {
            retryAfter = RetryAfter(
                response.Headers.TryGetValue("retry-after-ms", out var ms) ? ms : null,
                response.Headers.TryGetValue("retry-after", out var s) ? s : null,
                response.Headers.TryGetValue("x-ratelimit-reset-requests", out var rr) ? rr : null,
                response.Headers.TryGetValue("x-ratelimit-reset-tokens", out var rt) ? rt : null,
                DateTimeOffset.UtcNow);
            limits = RateLimitInfo.Read(name => response.Headers.TryGetValue(name, out var v) ? v : null);
        }
        return FromError(ex.Status, error, retryAfter, ex.Message, ex, limits);
    }

    /// <summary>Classifies an HTTP error body as OpenAI, Azure, vLLM, Ollama or llama.cpp write it.</summary>
    public static ModelCallException FromBody(int status, string? body, TimeSpan? retryAfter = null) =>
        FromError(status, ParseError(body), retryAfter, $"HTTP {status}", null);

    private static ModelCallException FromError(int status, ParsedError error, TimeSpan? retryAfter, string fallbackMessage, Exception? inner, RateLimitInfo? limits = null)
    {
        var kind = Classify(status, error.Code, error.Message, error.Type);
        var serverCode = error.Code is { } c && !IsNumber(c) ? c : error.Type ?? error.Code;
        var text = $"HTTP {status}{(serverCode is null ? "" : " " + serverCode)}: {OpenAIChatModelClient.OneLine(error.Message ?? fallbackMessage)}";
        return new ModelCallException(kind, text, status == 0 ? null : status, retryAfter, inner) { ServerCode = serverCode, RateLimits = limits };
    }

    public static ErrorKind Classify(int status, string? code, string? message, string? type = null)
    {
        if (status == 429)
        {
            if (code == "insufficient_quota" || type == "insufficient_quota") return ErrorKind.QuotaExceeded;
            // OpenAI: one request larger than the tokens-per-minute limit; waiting never lets it through.
            if (message?.StartsWith("Request too large", StringComparison.OrdinalIgnoreCase) ?? false) return ErrorKind.RequestTooLarge;
            return ErrorKind.RateLimited;
        }
        if (status is 408) return ErrorKind.Timeout;
        // Checked before 5xx: a server that reports an overflow with a 5xx still never accepts the prompt on a retry.
        if (IsContextOverflow(code, type, message)) return ErrorKind.ContextLength;
        if (status == 413) return ErrorKind.RequestTooLarge;
        if (status >= 500) return ErrorKind.ServerError;
        if (status is 401 or 403) return ErrorKind.Authentication;
        if (status == 404) return ErrorKind.ModelNotFound;
        if (status == 0) return ErrorKind.Connection;
        return ErrorKind.BadRequest;
    }

    // How each server says "the prompt does not fit": OpenAI and Azure by code, llama.cpp by type, vLLM and Ollama
    // only in the message.
    private static readonly string[] OverflowMessages =
    [
        "maximum context length",          // OpenAI, Azure, vLLM
        "exceeds the available context size", // llama.cpp
        "exceeds the context length",      // Ollama
        "exceeds maximum context length",
        "exceeded max context length",     // Ollama (older)
        "context length exceeded",
        "context window",
    ];

    private static bool IsContextOverflow(string? code, string? type, string? message)
    {
        if (code is "context_length_exceeded" || type is "exceed_context_size_error" or "context_length_exceeded") return true;
        if (message is null) return false;
        foreach (var pattern in OverflowMessages)
        {
            if (message.Contains(pattern, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static bool IsNumber(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    /// <summary>retry-after-ms, then retry-after (seconds or HTTP date), then x-ratelimit-reset-* (Go durations).</summary>
    public static TimeSpan? RetryAfter(string? retryAfterMs, string? retryAfter, string? resetRequests, string? resetTokens, DateTimeOffset now)
    {
        if (double.TryParse(retryAfterMs, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
            return TimeSpan.FromMilliseconds(ms);
        if (!string.IsNullOrWhiteSpace(retryAfter))
        {
            if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                return TimeSpan.FromSeconds(seconds);
            if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                return date > now ? date - now : TimeSpan.Zero;
        }
        var reset = Max(ParseGoDuration(resetRequests), ParseGoDuration(resetTokens));
        return reset;
    }

    /// <summary>Parses Go-style durations as OpenAI sends them: <c>547ms</c>, <c>2m52.8s</c>, <c>6m0s</c>, <c>1h2m</c>.</summary>
    public static TimeSpan? ParseGoDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var total = 0.0;
        var i = 0;
        var any = false;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            if (start == i) return null;
            if (!double.TryParse(text.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return null;
            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
            var unit = text[unitStart..i];
            total += unit switch
            {
                "ms" => value,
                "s" => value * 1000,
                "m" => value * 60_000,
                "h" => value * 3_600_000,
                "us" or "µs" => value / 1000,
                "ns" => value / 1_000_000,
                _ => double.NaN,
            };
            if (double.IsNaN(total)) return null;
            any = true;
        }
        return any ? TimeSpan.FromMilliseconds(total) : null;
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : (a > b ? a : b);

    private readonly record struct ParsedError(string? Code, string? Type, string? Message);

    /// <summary>
    /// Reads <c>{"error":{"message","type","code"}}</c> (OpenAI, Azure, Ollama, llama.cpp, newer vLLM; <c>code</c> a
    /// string or an integer), <c>{"object":"error","message","type","code"}</c> (older vLLM) and <c>{"error":"text"}</c>.
    /// </summary>
    private static ParsedError ParseError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return default;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("error", out var error))
                {
                    if (error.ValueKind == JsonValueKind.String) return new ParsedError(null, null, error.GetString());
                    if (error.ValueKind == JsonValueKind.Object) return Fields(error);
                }
                else if (root.TryGetProperty("message", out _))
                {
                    return Fields(root);
                }
            }
        }
        catch (JsonException)
        {
        }
        return new ParsedError(null, null, body.Length > 300 ? body[..300] : body);
    }

    private static ParsedError Fields(JsonElement error)
    {
        string? code = null;
        if (error.TryGetProperty("code", out var c))
        {
            code = c.ValueKind switch
            {
                JsonValueKind.String => c.GetString(),
                JsonValueKind.Number => c.GetRawText(),
                _ => null,
            };
        }
        var type = error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        return new ParsedError(string.IsNullOrEmpty(code) ? null : code, string.IsNullOrEmpty(type) ? null : type, message);
    }
}
