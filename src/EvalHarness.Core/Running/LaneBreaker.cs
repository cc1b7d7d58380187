using EvalHarness.Core.Models;

namespace EvalHarness.Core.Running;

/// <summary>
/// The circuit breaker of one model's lane. It opens on the first error that every further request of that model would
/// repeat (401/403, 404 model not found, insufficient_quota), or when the first <c>deadEndpointFailures</c> requests
/// all failed to connect (refused, unknown host) and none ever reached the server. Once open, the engine sends nothing
/// more for that model: its remaining samples become error rows with 0 attempts, not journaled, so a resume sends them.
/// Thread-safe.
/// </summary>
internal sealed class LaneBreaker(int deadEndpointFailures)
{
    private readonly Lock _lock = new();
    private int _unreachable;
    private bool _reached;
    private ModelCallException? _cause;

    /// <summary>The error that opened the breaker; null while requests may still be sent.</summary>
    public ModelCallException? Cause
    {
        get
        {
            lock (_lock) return _cause;
        }
    }

    public bool IsOpen => Cause is not null;

    /// <summary>A request got an answer: the endpoint is alive.</summary>
    public void OnAnswered()
    {
        lock (_lock) _reached = true;
    }

    /// <summary>Records one failed attempt; true when this very failure opened the breaker.</summary>
    public bool OnFailure(ModelCallException error)
    {
        lock (_lock)
        {
            if (_cause is not null) return false;
            if (error.Unreachable)
            {
                if (_reached || deadEndpointFailures <= 0 || ++_unreachable < deadEndpointFailures) return false;
            }
            else
            {
                _reached = true;
                if (!error.Kind.StopsLane()) return false;
            }
            _cause = error;
            return true;
        }
    }

    /// <summary>The error text of a sample skipped because the lane stopped.</summary>
    public static string NotSentMessage(ModelCallException cause) =>
        $"not sent: the model's lane stopped after {cause.Kind.ToCsv()} ({cause.Message})";
}
