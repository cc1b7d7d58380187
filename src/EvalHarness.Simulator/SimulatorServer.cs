using System.Globalization;
using System.Net;
using System.Text.Json;
using EvalHarness.Simulator.Batches;
using EvalHarness.Simulator.Chat;
using EvalHarness.Simulator.Models;
using EvalHarness.Simulator.Solvers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EvalHarness.Simulator;

/// <summary>
/// An OpenAI-compatible server (chat completions, models, files and batches) with simulated models, bound to loopback only.
/// Start it with <see cref="StartAsync(SimulatorOptions, int, CancellationToken)"/>; point any OpenAI client at
/// <see cref="BaseUrl"/> with any API key.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private SimulatorServer(WebApplication app, int port, SimulatorCounters counters)
    {
        _app = app;
        Port = port;
        Counters = counters;
        BaseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/v1"));
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/v1</c>, the base URL OpenAI clients take.</summary>
    public Uri BaseUrl { get; }

    public int Port { get; }

    public SimulatorCounters Counters { get; }

    /// <summary>Starts a server with the built-in solvers. Port 0 picks a free port.</summary>
    public static Task<SimulatorServer> StartAsync(SimulatorOptions options, int port = 0, CancellationToken ct = default) =>
        StartAsync(options, SolverRegistry.Default, port, ct);

    /// <summary>Starts a server answering with <paramref name="solvers"/>. Port 0 picks a free port.</summary>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions options, SolverRegistry solvers, int port = 0, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(solvers);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        options.Validate();
        // Build the tokenizer now (about a second): otherwise the first requests' TTFT would include it.
        EvalHarness.Core.Text.O200kTokenizer.Shared.CountTokens("warm up");

        // The empty builder reads no appsettings or ASPNETCORE_* variables: nothing can re-bind the server off loopback.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(SimulatorServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
            // Long-context prompts reach several MB of JSON; 1M tokens of English is ~4 MB, of CJK far more.
            kestrel.Limits.MaxRequestBodySize = 256L * 1024 * 1024;
        });
        builder.Services.AddRoutingCore();
        // No ConsoleLifetime: the host process (CLI, tests) owns Ctrl-C and SIGTERM and stops us through a token.
        builder.Services.AddSingleton<IHostLifetime, HostOwnedLifetime>();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Logging.AddConsole();
        // A failed start (port in use) is thrown to the caller; the host's own error log would only repeat it.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);

        var counters = new SimulatorCounters();
        var app = builder.Build();
        var handler = new ChatCompletionsHandler(options, solvers, counters, app.Logger);
        app.Use((context, next) =>
        {
            counters.OnRequest();
            return next(context);
        });
        app.UseRouting();
        var models = new ModelListHandler(options);
        app.MapGet("/v1/models", models.ListAsync);
        app.MapGet("/v1/models/{id}", models.GetAsync);
        app.MapPost("/v1/chat/completions", handler.HandleAsync);
        MapBatchApi(app, options, solvers, counters);
        app.MapFallback(context => OpenAiError.WriteAsync(
            context,
            StatusCodes.Status404NotFound,
            $"Invalid URL ({context.Request.Method} {context.Request.Path})",
            "invalid_request_error",
            null,
            null,
            context.RequestAborted));

        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorServer(app, new Uri(address).Port, counters);
    }

    /// <summary>The Batch API: <c>/v1/files</c> and <c>/v1/batches</c>, answered by the chat endpoint's solvers.</summary>
    private static void MapBatchApi(WebApplication app, SimulatorOptions options, SolverRegistry solvers, SimulatorCounters counters)
    {
        var files = new FileStore();
        var store = new BatchStore();
        var processor = new BatchProcessor(options, solvers, counters, files, store, app.Logger, app.Lifetime.ApplicationStopping);
        var fileApi = new FilesHandler(files, counters);
        var batchApi = new BatchesHandler(options, files, store, processor, counters);
        // RequiredApiKey guards files and batches as it guards chat completions.
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (options.RequiredApiKey is { } key
                && (path.StartsWithSegments("/v1/files", StringComparison.Ordinal) || path.StartsWithSegments("/v1/batches", StringComparison.Ordinal))
                && !string.Equals(context.Request.Headers.Authorization.ToString(), "Bearer " + key, StringComparison.Ordinal))
            {
                await DialectErrors.UnauthorizedAsync(context, options.ErrorDialect, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.MapPost("/v1/files", fileApi.UploadAsync);
        app.MapGet("/v1/files/{id}", fileApi.GetAsync);
        app.MapGet("/v1/files/{id}/content", fileApi.ContentAsync);
        app.MapDelete("/v1/files/{id}", fileApi.DeleteAsync);
        app.MapPost("/v1/batches", batchApi.CreateAsync);
        app.MapGet("/v1/batches", batchApi.ListAsync);
        app.MapGet("/v1/batches/{id}", batchApi.GetAsync);
        app.MapPost("/v1/batches/{id}/cancel", batchApi.CancelAsync);
    }

    /// <summary>Completes when the server stops; cancelling <paramref name="ct"/> stops it (e.g. Ctrl-C in the CLI).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct) => _app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class HostOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
