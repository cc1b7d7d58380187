using System.Runtime.InteropServices;

namespace EvalHarness.Cli;

/// <summary>
/// Two-stage cancellation for Ctrl-C and SIGTERM: the first signal stops sending new requests and gives the ones in
/// flight a grace period to finish (they are paid for); the second signal, or the end of the grace period, aborts them.
/// </summary>
internal sealed class RunCancellation : Core.Application.IRunStop
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly TimeSpan _grace;
    private readonly PosixSignalRegistration? _sigterm;
    private readonly CancellationTokenRegistration _external;

    public RunCancellation(TimeSpan grace, CancellationToken external)
    {
        _grace = grace;
        System.Console.CancelKeyPress += OnCancelKeyPress;
        try
        {
            _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
            {
                ctx.Cancel = true;
                Signal();
            });
        }
        catch (PlatformNotSupportedException)
        {
        }
        _external = external.Register(Signal);
    }

    public CancellationToken StopSending => _stop.Token;

    public CancellationToken Abort => _abort.Token;

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Signal();
    }

    private void Signal()
    {
        if (!_stop.IsCancellationRequested)
        {
            System.Console.Error.WriteLine($"Stopping: no new requests; waiting up to {_grace.TotalSeconds:0} s for requests in flight (press Ctrl-C again to abort them).");
            _stop.Cancel();
            _abort.CancelAfter(_grace);
        }
        else
        {
            _abort.Cancel();
        }
    }

    public void Dispose()
    {
        System.Console.CancelKeyPress -= OnCancelKeyPress;
        _sigterm?.Dispose();
        _external.Dispose();
        _stop.Dispose();
        _abort.Dispose();
    }
}
