using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace EvalHarness.Simulator.Chat;

/// <summary>Writes errors in OpenAI's shape: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal static class OpenAiError
{
    public static Task WriteAsync(HttpContext context, int status, string message, string type, string? param, string? code, CancellationToken ct) =>
        WriteErrorAsync(context, status, w => WriteFields(w, message, type, param, code), ct);

    /// <summary>The whole body <c>{"error":{...}}</c> into a writer (a batch line's response body).</summary>
    public static void WriteBody(Utf8JsonWriter w, string message, string type, string? param, string? code)
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        WriteFields(w, message, type, param, code);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteFields(Utf8JsonWriter w, string message, string type, string? param, string? code)
    {
        w.WriteString("message", message);
        w.WriteString("type", type);
        WriteNullable(w, "param", param);
        WriteNullable(w, "code", code);
    }

    /// <summary><c>{"error":{...}}</c> with the fields the caller writes (other servers' dialects use other fields).</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, Action<Utf8JsonWriter> fields, CancellationToken ct) =>
        WriteJsonAsync(context, status, w =>
        {
            w.WriteStartObject("error");
            fields(w);
            w.WriteEndObject();
        }, ct);

    /// <summary>One JSON object as the whole response body, with the status code.</summary>
    public static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> body, CancellationToken ct)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        var writer = new Utf8JsonWriter(response.BodyWriter);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(ct).ConfigureAwait(false);
    }

    public static Task InvalidRequestAsync(HttpContext context, string message, string? param, string? code, CancellationToken ct) =>
        WriteAsync(context, StatusCodes.Status400BadRequest, message, "invalid_request_error", param, code, ct);

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value);
    }
}
