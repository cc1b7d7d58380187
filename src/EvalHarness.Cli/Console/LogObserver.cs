using System.Globalization;
using EvalHarness.Core.Models;
using EvalHarness.Core.Running;
using EvalHarness.Core.Evaluators;

namespace EvalHarness.Cli.Console;

/// <summary>
/// Plain progress lines for logs and CI (output redirected, not a terminal, or <c>--plain</c>), at a sane rate: an
/// overall line (done/total, errors by kind, elapsed) at each further tenth of the run or after
/// <see cref="Heartbeat"/> without one, and a line when a (model, eval) cell completes. Retries and stopped lanes are
/// printed as they happen.
/// </summary>
internal sealed class LogObserver(TextWriter output, TimeProvider? time = null) : IRunObserver, IDisposable
{
    /// <summary>The longest a run stays silent while samples are finishing.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly RunTally _tally = new();
    private readonly Lock _lock = new();
    private long _started = -1;
    private long _lastLine;
    private int _lastTenth;
    private ITimer? _heartbeat;

    public void OnSamplesLoading(string eval)
    {
        lock (_lock) output.WriteLine($"  {eval}: generating samples...");
    }

    public void OnSamplesLoaded(string eval, int samples, TimeSpan elapsed)
    {
        lock (_lock) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {eval}: {samples} samples ({elapsed.TotalSeconds:0.0} s)"));
    }

    public void OnPlanned(string model, string eval, int samples)
    {
        _tally.Plan(model, eval, samples);
        lock (_lock)
        {
            if (_started >= 0) return;
            _started = _lastLine = _time.GetTimestamp();
            // Long requests finish nothing for minutes: the heartbeat still says where the run is.
            _heartbeat = _time.CreateTimer(_ => Beat(), null, Heartbeat, Heartbeat);
        }
    }

    public void Dispose() => _heartbeat?.Dispose();

    private void Beat()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            if (_time.GetElapsedTime(_lastLine, now) < Heartbeat || _tally.Done >= _tally.Total) return;
            WriteProgress(now);
        }
    }

    private void WriteProgress(long now)
    {
        _lastLine = now;
        var elapsed = _time.GetElapsedTime(_started < 0 ? now : _started, now);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"progress {_tally.ProgressText()}, {_tally.ErrorsText()}, elapsed {(int)elapsed.TotalMinutes}:{elapsed.Seconds:00}"));
    }

    public void OnRetrying(string model, string eval, string sampleId, ModelCallException error, int attempt, TimeSpan delay)
    {
        lock (_lock) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  retry {model}/{eval}/{sampleId}: {error.Kind.ToCsv()} (attempt {attempt}), waiting {delay.TotalSeconds:0.##}s"));
    }

    public void OnBatchProgress(string model, string line)
    {
        lock (_lock) output.WriteLine($"  {model}: {line}");
    }

    public void OnLaneStopped(string model, ModelCallException cause)
    {
        lock (_lock) output.WriteLine(ErrorSummary.LaneStoppedLine(model, cause));
    }

    public void OnFinished(SampleResult result)
    {
        lock (_lock)
        {
            // Counted under the same lock as the printing, so two workers never print the same count twice.
            var cell = _tally.Finish(result);
            var now = _time.GetTimestamp();
            if (cell.Complete)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {result.Model} / {result.Eval}: {cell.Done}/{cell.Total} done, {cell.Errors} errors"));
            }
            var tenth = _tally.Total == 0 ? 10 : (int)(10L * _tally.Done / _tally.Total);
            if (tenth > _lastTenth || _time.GetElapsedTime(_lastLine, now) >= Heartbeat)
            {
                _lastTenth = Math.Max(_lastTenth, tenth);
                WriteProgress(now);
            }
        }
    }
}
