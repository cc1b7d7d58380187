using System.Globalization;
using System.Text.Json;
using EvalHarness.Simulator.Chat;
using Microsoft.AspNetCore.Http;

namespace EvalHarness.Simulator.Models;

/// <summary>
/// Lifecycle facts one model id shows in the simulator's model list (<c>Simulator:Lifecycle:&lt;id&gt;</c>), to test a
/// client's start-of-run checks offline. An id that is not built in is added to the list (unless <see cref="Listed"/> is false).
/// </summary>
public sealed class ModelLifecycleProfile
{
    /// <summary>False: the id is left out of <c>/v1/models</c> and <c>/v1/models/{id}</c> answers 404 ("does not exist").</summary>
    public bool Listed { get; set; } = true;

    /// <summary>Written as the <c>shutdown_date</c> field: a date (yyyy-MM-dd) as a string, or digits as unix seconds (a number).</summary>
    public string? ShutdownDate { get; set; }

    /// <summary>Written as <c>deprecation_date</c>, same forms as <see cref="ShutdownDate"/>.</summary>
    public string? DeprecationDate { get; set; }

    /// <summary>Written as <c>"deprecated": true</c>.</summary>
    public bool Deprecated { get; set; }
}

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>, shaped by <see cref="SimulatorOptions.Lifecycle"/>.</summary>
internal sealed class ModelListHandler(SimulatorOptions options)
{
    // Fixed "created" of the built-in models, so the model list is byte-identical between runs.
    private const long ModelsCreated = 1_767_225_600; // 2026-01-01T00:00:00Z

    public async Task ListAsync(HttpContext context)
    {
        if (!options.ServeModelList)
        {
            await NotOffered(context).ConfigureAwait(false);
            return;
        }
        var ids = SimulatorOptions.BuiltInModelIds.Concat(options.Lifecycle.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal)
            .Where(id => Profile(id)?.Listed != false);
        context.Response.ContentType = "application/json";
        var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            foreach (var id in ids) WriteModel(writer, id);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    public async Task GetAsync(HttpContext context)
    {
        if (!options.ServeModelList)
        {
            await NotOffered(context).ConfigureAwait(false);
            return;
        }
        var id = (string)context.Request.RouteValues["id"]!;
        var profile = Profile(id);
        if (profile?.Listed == false || (profile is null && !SimulatedModel.TryParse(id, out _)))
        {
            await OpenAiError.WriteAsync(context, StatusCodes.Status404NotFound, $"The model '{id}' does not exist", "invalid_request_error", "model", "model_not_found", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        await using (writer.ConfigureAwait(false))
        {
            WriteModel(writer, id);
        }
    }

    private static Task NotOffered(HttpContext context) => OpenAiError.WriteAsync(
        context, StatusCodes.Status404NotFound, $"Invalid URL ({context.Request.Method} {context.Request.Path})", "invalid_request_error", null, null, context.RequestAborted);

    private ModelLifecycleProfile? Profile(string id) => options.Lifecycle.GetValueOrDefault(id);

    private void WriteModel(Utf8JsonWriter writer, string id)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("object", "model");
        writer.WriteNumber("created", ModelsCreated);
        writer.WriteString("owned_by", "evalharness-simulator");
        if (Profile(id) is { } p)
        {
            WriteDate(writer, "shutdown_date", p.ShutdownDate);
            WriteDate(writer, "deprecation_date", p.DeprecationDate);
            if (p.Deprecated) writer.WriteBoolean("deprecated", true);
        }
        writer.WriteEndObject();
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) writer.WriteNumber(name, seconds);
        else writer.WriteString(name, value);
    }
}
