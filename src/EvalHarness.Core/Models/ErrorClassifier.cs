using System.ClientModel;
using System.Globalization;
using System.Text.Json;

namespace EvalHarness.Core.Models;

/// <summary>
/// Turns an HTTP failure into an <see cref="ErrorKind"/> and a server-requested delay. Reads the OpenAI error body,
/// because status alone cannot tell a rate limit (retry) from insufficient_quota (billing: never retry).
/// </summary>
public static class ErrorClassifier
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
        var (code, message) = ParseError(body);
        TimeSpan? retryAfter = null;
        if (response is not null)
        {
            retryAfter = RetryAfter(
                response.Headers.TryGetValue("retry-after-ms", out var ms) ? ms : null,
                response.Headers.TryGetValue("retry-after", out var s) ? s : null,
                response.Headers.TryGetValue("x-ratelimit-reset-requests", out var rr) ? rr : null,
                response.Headers.TryGetValue("x-ratelimit-reset-tokens", out var rt) ? rt : null,
                DateTimeOffset.UtcNow);
        }
        var status = ex.Status;
        var kind = Classify(status, code, message);
        var text = $"HTTP {status}{(code is null ? "" : " " + code)}: {OpenAIChatModelClient.OneLine(message ?? ex.Message)}";
        return new ModelCallException(kind, text, status == 0 ? null : status, retryAfter, ex);
    }

    public static ErrorKind Classify(int status, string? code, string? message)
    {
        if (status == 429)
        {
            return code == "insufficient_quota" ? ErrorKind.QuotaExceeded : ErrorKind.RateLimited;
        }
        if (status is 408) return ErrorKind.Timeout;
        if (status >= 500) return ErrorKind.ServerError;
        if (status is 401 or 403) return ErrorKind.Authentication;
        if (code == "context_length_exceeded" || (message?.Contains("maximum context length", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return ErrorKind.ContextLength;
        }
        if (status == 0) return ErrorKind.Connection;
        return ErrorKind.BadRequest;
    }

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

    private static (string? Code, string? Message) ParseError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return (null, null);
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String) return (null, error.GetString());
                string? code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                if (code is null && error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "insufficient_quota")
                    code = "insufficient_quota";
                string? message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return (code, message);
            }
        }
        catch (JsonException)
        {
        }
        return (null, body.Length > 300 ? body[..300] : body);
    }
}
