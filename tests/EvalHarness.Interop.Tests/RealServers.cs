namespace EvalHarness.Interop.Tests;

/// <summary>
/// The servers most tests share, started once for the collection: <c>real</c> is the reasoning model as llama-server
/// serves it by default (the &lt;think&gt; block streamed separately as <c>reasoning_content</c>), <c>real-plain</c> the
/// same model with <c>--reasoning-format none</c> (the &lt;think&gt; block inside the content). The run of every eval
/// against both is made once, on first use, and read by several tests.
/// </summary>
public sealed class RealServers : IAsyncLifetime
{
    /// <summary>The stop model's reply is 24 tokens and an end-of-sequence; this leaves it room.</summary>
    public const int MaxOutputTokens = 64;

    private readonly SemaphoreSlim _runLock = new(1, 1);
    private AllEvalsRun? _allEvals;

    public LlamaServer? Split { get; private set; }
    public LlamaServer? Plain { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!LlamaServerBuild.IsPresent) return; // each test then skips or fails through RequireBuilt
        Split = await LlamaServer.StartAsync("stop", "tiny", CancellationToken.None);
        Plain = await LlamaServer.StartAsync("stop", "tiny-plain", CancellationToken.None, "--reasoning-format", "none");
    }

    /// <summary>Every eval, a few samples each, against <c>real</c> and <c>real-plain</c> (one request at a time per model).</summary>
    internal async Task<AllEvalsRun> AllEvalsAsync(CancellationToken ct)
    {
        LlamaServer.RequireBuilt();
        await _runLock.WaitAsync(ct);
        try
        {
            if (_allEvals is { } done) return done;
            int splitLogStart = Split!.Log.Length, plainLogStart = Plain!.Log.Length;
            var work = Cli.NewWorkDirectory();
            InteropSettings.Write(work, ("real", Split!, MaxOutputTokens), ("real-plain", Plain!, MaxOutputTokens));
            var runDir = Path.Combine(work, "all-evals");
            var result = await Cli.RunAsync(work, ct,
            [
                "run", "--plain", "--models", "real,real-plain", "--out", runDir,
                // one request at a time per model, so the server's log lists the requests in the order they were sent
                "--set", "Models:real:Concurrency=1", "--set", "Models:real-plain:Concurrency=1",
                .. InteropSettings.AllEvalsArguments,
            ]);
            _allEvals = new AllEvalsRun(result, new RunFolder(runDir), work, Split.Log[splitLogStart..], Plain.Log[plainLogStart..]);
            return _allEvals;
        }
        finally
        {
            _runLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Split is not null) await Split.DisposeAsync();
        if (Plain is not null) await Plain.DisposeAsync();
        _runLock.Dispose();
    }
}

/// <summary>The shared run, with what each server logged while it ran.</summary>
internal sealed record AllEvalsRun(CliResult Result, RunFolder Folder, string WorkDirectory, string SplitLog, string PlainLog);

internal static class LlamaServerBuild
{
    public static bool IsPresent =>
        File.Exists(LlamaServer.BinaryPath) && File.Exists(LlamaServer.ModelPath("stop")) && File.Exists(LlamaServer.ModelPath("loop"));
}
