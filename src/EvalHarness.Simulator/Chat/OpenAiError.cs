using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace EvalHarness.Simulator.Chat;

/// <summary>Writes errors in OpenAI's shape: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal static class OpenAiError
{
    public static async Task WriteAsync(HttpContext context, int status, string message, string type, string? param, string? code, CancellationToken ct)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        var writer = new Utf8JsonWriter(response.BodyWriter);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", message);
            writer.WriteString("type", type);
            WriteNullable(writer, "param", param);
            WriteNullable(writer, "code", code);
            writer.WriteEndObject();
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
