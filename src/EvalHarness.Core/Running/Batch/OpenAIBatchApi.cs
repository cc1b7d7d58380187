using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using EvalHarness.Core.Models;
using OpenAI;
using OpenAI.Batch;
using OpenAI.Files;

#pragma warning disable OPENAI001 // CreateBatchOperation is marked experimental in the SDK.

namespace EvalHarness.Core.Running.Batch;

/// <summary>The four remote steps of batch mode; every failure is a classified <see cref="ModelCallException"/>.</summary>
internal interface IBatchApi
{
    /// <summary>Uploads <paramref name="jsonl"/> from its current position (purpose <c>batch</c>); returns the file id.</summary>
    Task<string> UploadAsync(Stream jsonl, string fileName, CancellationToken ct);

    Task<BatchStatus> CreateAsync(string inputFileId, string completionWindow, IReadOnlyDictionary<string, string> metadata, CancellationToken ct);

    Task<BatchStatus> GetAsync(string batchId, CancellationToken ct);

    /// <summary>Streams a file's content into <paramref name="destination"/> (never whole in memory).</summary>
    Task DownloadAsync(string fileId, Stream destination, CancellationToken ct);

    /// <summary>The batches the server lists (newest first, one page): finds a batch whose creation was sent but whose id was never journaled.</summary>
    Task<IReadOnlyList<BatchStatus>> ListAsync(CancellationToken ct);
}

/// <summary>
/// <see cref="IBatchApi"/> over the OpenAI SDK: <c>OpenAIFileClient.UploadFileAsync(..., FileUploadPurpose.Batch)</c>,
/// <c>BatchClient.CreateBatchAsync</c> (protocol method, started only), <c>CreateBatchOperation.RehydrateAsync</c> for
/// each poll (one GET), <c>DownloadFileAsync</c>. The SDK's retries are off; the runner decides.
/// </summary>
internal sealed class OpenAIBatchApi : IBatchApi
{
    private readonly OpenAIFileClient _files;
    private readonly BatchClient _batches;
    private readonly Uri _baseUrl;

    public OpenAIBatchApi(Uri baseUrl, string apiKey, TimeSpan networkTimeout)
    {
        _baseUrl = baseUrl;
        var options = new OpenAIClientOptions
        {
            Endpoint = baseUrl,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = networkTimeout,
        };
        var client = new OpenAIClient(new ApiKeyCredential(apiKey), options);
        _files = client.GetOpenAIFileClient();
        _batches = client.GetBatchClient();
    }

    public Task<string> UploadAsync(Stream jsonl, string fileName, CancellationToken ct) => Call(async () =>
    {
        var file = await _files.UploadFileAsync(jsonl, fileName, FileUploadPurpose.Batch, ct).ConfigureAwait(false);
        return file.Value.Id;
    });

    public Task<BatchStatus> CreateAsync(string inputFileId, string completionWindow, IReadOnlyDictionary<string, string> metadata, CancellationToken ct) => Call(async () =>
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("input_file_id", inputFileId);
            w.WriteString("endpoint", BatchLines.Endpoint);
            w.WriteString("completion_window", completionWindow);
            w.WriteStartObject("metadata");
            foreach (var (k, v) in metadata) w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        using var content = BinaryContent.Create(BinaryData.FromBytes(buffer.WrittenMemory));
        var operation = await _batches.CreateBatchAsync(content, waitUntilCompleted: false, new RequestOptions { CancellationToken = ct }).ConfigureAwait(false);
        return BatchStatus.Parse(operation.GetRawResponse().Content.ToMemory().Span);
    });

    public Task<BatchStatus> GetAsync(string batchId, CancellationToken ct) => Call(async () =>
    {
        var operation = await CreateBatchOperation.RehydrateAsync(_batches, batchId, ct).ConfigureAwait(false);
        return BatchStatus.Parse(operation.GetRawResponse().Content.ToMemory().Span);
    });

    public Task DownloadAsync(string fileId, Stream destination, CancellationToken ct) => Call(async () =>
    {
        // The SDK's DownloadFileAsync buffers the whole file; the same pipeline streams the documented GET instead.
        using var message = _files.Pipeline.CreateMessage();
        message.Request.Method = "GET";
        message.Request.Uri = new Uri(_baseUrl.AbsoluteUri.TrimEnd('/') + "/files/" + Uri.EscapeDataString(fileId) + "/content");
        message.BufferResponse = false;
        message.Apply(new RequestOptions { CancellationToken = ct });
        await _files.Pipeline.SendAsync(message).ConfigureAwait(false);
        using var response = message.Response!;
        if (response.IsError)
        {
            await response.BufferContentAsync(ct).ConfigureAwait(false);
            throw new ClientResultException(response);
        }
        await response.ContentStream!.CopyToAsync(destination, ct).ConfigureAwait(false);
        return true;
    });

    public Task<IReadOnlyList<BatchStatus>> ListAsync(CancellationToken ct) => Call<IReadOnlyList<BatchStatus>>(async () =>
    {
        // The SDK's typed listing hides the raw objects; the same pipeline (auth, timeouts) sends the documented GET.
        var pipeline = _batches.Pipeline;
        using var message = pipeline.CreateMessage();
        message.Request.Method = "GET";
        message.Request.Uri = new Uri(_baseUrl.AbsoluteUri.TrimEnd('/') + "/batches?limit=100");
        message.Request.Headers.Set("Accept", "application/json");
        message.Apply(new RequestOptions { CancellationToken = ct });
        await pipeline.SendAsync(message).ConfigureAwait(false);
        var response = message.Response!;
        if (response.IsError) throw new ClientResultException(response);
        using var doc = JsonDocument.Parse(response.Content.ToMemory());
        if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array) return [];
        return data.EnumerateArray().Select(BatchStatus.From).ToList();
    });

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ClientResultException ex) when (ex.Status == 0 && OpenAIChatModelClient.IsUnreachable(ex))
        {
            throw new ModelCallException(ErrorKind.Connection, "cannot connect: " + OpenAIChatModelClient.OneLine(ex.Message), inner: ex) { Unreachable = true };
        }
        catch (ClientResultException ex)
        {
            throw ErrorClassifier.FromClientResult(ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException)
        {
            throw new ModelCallException(ErrorKind.Connection, "batch API call failed: " + OpenAIChatModelClient.OneLine(ex.Message), inner: ex);
        }
    }
}
