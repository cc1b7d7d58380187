using System.Text.Json;
using EvalHarness.Simulator.Chat;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace EvalHarness.Simulator.Batches;

/// <summary><c>/v1/files</c>: upload (multipart, purpose batch), metadata, content, delete.</summary>
internal sealed class FilesHandler(FileStore files, SimulatorCounters counters)
{
    public async Task UploadAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            await OpenAiError.InvalidRequestAsync(context, "The request must be multipart/form-data with the fields 'purpose' and 'file'.", null, null, ct).ConfigureAwait(false);
            return;
        }

        string? purpose = null;
        string? filename = null;
        MemoryStream? content = null;
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(ct).ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
            if (string.Equals(name, "file", StringComparison.Ordinal))
            {
                filename = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "upload.jsonl";
                content = new MemoryStream();
                await section.Body.CopyToAsync(content, ct).ConfigureAwait(false);
            }
            else if (string.Equals(name, "purpose", StringComparison.Ordinal))
            {
                using var text = new StreamReader(section.Body);
                purpose = await text.ReadToEndAsync(ct).ConfigureAwait(false);
            }
        }

        if (purpose is null)
        {
            await OpenAiError.InvalidRequestAsync(context, "Missing required parameter: 'purpose'.", "purpose", null, ct).ConfigureAwait(false);
            return;
        }

        if (purpose != "batch")
        {
            await OpenAiError.InvalidRequestAsync(context, $"Invalid value for 'purpose': '{purpose}'. This server accepts only 'batch'.", "purpose", null, ct).ConfigureAwait(false);
            return;
        }

        if (content is null)
        {
            await OpenAiError.InvalidRequestAsync(context, "Missing required parameter: 'file'.", "file", null, ct).ConfigureAwait(false);
            return;
        }

        // The stream's own buffer becomes the file: no copy of a possibly 200 MB upload.
        var file = files.Add(filename!, purpose, content.GetBuffer().AsMemory(0, (int)content.Length));
        counters.OnFileUploaded();
        await OpenAiError.WriteJsonAsync(context, StatusCodes.Status200OK, w => WriteFileFields(w, file), ct).ConfigureAwait(false);
    }

    public async Task GetAsync(HttpContext context, string id)
    {
        if (!files.TryGet(id, out var file))
        {
            await NotFoundAsync(context, id).ConfigureAwait(false);
            return;
        }

        await OpenAiError.WriteJsonAsync(context, StatusCodes.Status200OK, w => WriteFileFields(w, file), context.RequestAborted).ConfigureAwait(false);
    }

    public async Task ContentAsync(HttpContext context, string id)
    {
        if (!files.TryGet(id, out var file))
        {
            await NotFoundAsync(context, id).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = file.Content.Length;
        await context.Response.Body.WriteAsync(file.Content, context.RequestAborted).ConfigureAwait(false);
    }

    public async Task DeleteAsync(HttpContext context, string id)
    {
        if (!files.Remove(id))
        {
            await NotFoundAsync(context, id).ConfigureAwait(false);
            return;
        }

        await OpenAiError.WriteJsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteString("id", id);
            w.WriteString("object", "file");
            w.WriteBoolean("deleted", true);
        }, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The file object's fields (WriteJsonAsync opens and closes the object).</summary>
    private static void WriteFileFields(Utf8JsonWriter w, StoredFile file)
    {
        w.WriteString("id", file.Id);
        w.WriteString("object", "file");
        w.WriteNumber("bytes", file.Content.Length);
        w.WriteNumber("created_at", file.CreatedAt);
        w.WriteString("filename", file.Filename);
        w.WriteString("purpose", file.Purpose);
    }

    private static Task NotFoundAsync(HttpContext context, string id) =>
        OpenAiError.WriteAsync(context, StatusCodes.Status404NotFound, $"No such File object: {id}", "invalid_request_error", "id", null, context.RequestAborted);
}
