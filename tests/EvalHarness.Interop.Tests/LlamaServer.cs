using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EvalHarness.TestSupport;

namespace EvalHarness.Interop.Tests;

/// <summary>
/// A real llama.cpp <c>llama-server</c> built by <c>server/build.sh</c> into <c>.cache/interop</c>, on a free port of
/// 127.0.0.1. It runs under a small shell watchdog that kills it when this test process goes away (a crashed or killed
/// test run leaves no server behind); <see cref="DisposeAsync"/> kills it at once.
/// </summary>
public sealed class LlamaServer : IAsyncDisposable
{
    /// <summary>Context of the whole server; each of the <see cref="Slots"/> parallel slots gets an equal share.</summary>
    public const int ContextTokens = 32768;
    public const int Slots = 2;

    private readonly string[] _arguments;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private LlamaServer(string model, string alias, int port, IReadOnlyList<string> extraArguments)
    {
        Model = model;
        Alias = alias;
        Port = port;
        _arguments =
        [
            "-m", model, "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-a", alias, "-c", ContextTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-np", Slots.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "1", "--no-warmup", "--jinja", "--metrics",
            .. extraArguments,
        ];
    }

    public static string CacheDirectory =>
        Environment.GetEnvironmentVariable("INTEROP_CACHE") is { Length: > 0 } dir ? dir : Path.Combine(SharedData.RepoRoot, ".cache", "interop");

    public static string BinaryPath => Path.Combine(CacheDirectory, "bin", "llama-server");

    public static string ModelPath(string mode) => Path.Combine(CacheDirectory, "models", $"tiny-{mode}.gguf");

    public string Model { get; }
    public string Alias { get; }
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}/v1";

    /// <summary>Everything the server printed so far (its per-request timings among it).</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>
    /// Skips the calling test when the server was not built, except under CI (CI=true), where a missing build is a
    /// failure: .ci/run builds it before the tests.
    /// </summary>
    public static void RequireBuilt()
    {
        if (LlamaServerBuild.IsPresent) return;
        var message = $"llama-server is not built in {CacheDirectory}; run tests/EvalHarness.Interop.Tests/server/build.sh";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
        Assert.Skip(message);
    }

    /// <summary>Starts a server for model <c>tiny-{mode}.gguf</c> (mode <c>stop</c> or <c>loop</c>) served as <paramref name="alias"/>.</summary>
    public static async Task<LlamaServer> StartAsync(string mode, string alias, CancellationToken ct, params string[] extraArguments)
    {
        RequireBuilt();
        var server = new LlamaServer(ModelPath(mode), alias, FreePort(), extraArguments);
        try
        {
            await server.StartProcessAsync(ct);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Kills the server (as a crash would) without waiting for anything in flight.</summary>
    public async Task KillAsync()
    {
        var process = _process;
        _process = null;
        if (process is null) return;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Starts the server again on the same port after <see cref="KillAsync"/>.</summary>
    public Task RestartAsync(CancellationToken ct) => StartProcessAsync(ct);

    public async ValueTask DisposeAsync() => await KillAsync();

    private async Task StartProcessAsync(CancellationToken ct)
    {
        // The watchdog: bash starts the server, then polls that its owner (this process) is alive; when the owner is
        // gone, it kills the server. Kill(entireProcessTree) takes both down at once.
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("owner=$1; shift; \"$@\" & server=$!; "
            + "while kill -0 \"$owner\" 2>/dev/null && kill -0 \"$server\" 2>/dev/null; do sleep 1; done; "
            + "kill -9 \"$server\" 2>/dev/null; wait \"$server\"");
        info.ArgumentList.Add("llama-server-watchdog");
        info.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(BinaryPath);
        foreach (var a in _arguments) info.ArgumentList.Add(a);

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited) throw new InvalidOperationException($"llama-server exited with {process.ExitCode} before it was ready:\n{Log}");
            try
            {
                using var health = await http.GetAsync($"http://127.0.0.1:{Port}/health", ct);
                if (health.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // health timed out while loading
            }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"llama-server on port {Port} was not healthy within 60 s:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
