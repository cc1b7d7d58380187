using EvalHarness.Cli.Console;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;
using EvalHarness.Core.Running;

namespace EvalHarness.Cli.Tests.Console;

/// <summary>Plain progress for logs: done/total and errors by kind, at a sane rate however large the run.</summary>
public sealed class LogObserverTests
{
    [Fact]
    public void ALargeRunPrintsAboutTenProgressLinesWithErrorsByKind()
    {
        var output = new StringWriter();
        var time = new ManualTime();
        using var log = new LogObserver(output, time);
        log.OnPlanned("m", "niah", 1000);
        log.OnPlanned("m", "mrcr", 1000);
        for (var i = 0; i < 1000; i++)
        {
            log.OnFinished(Result("niah", i, i % 100 == 0 ? ErrorKind.RateLimited : ErrorKind.None));
            log.OnFinished(Result("mrcr", i, i % 250 == 0 ? ErrorKind.Timeout : ErrorKind.None));
            time.Advance(TimeSpan.FromMilliseconds(10));
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var progress = lines.Where(l => l.StartsWith("progress ", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, progress.Count);
        Assert.Equal("progress 200/2000 (10%), 2 errors (rate_limited 1, timeout 1), elapsed 0:00", progress[0]);
        Assert.Equal("progress 2000/2000 (100%), 14 errors (rate_limited 10, timeout 4), elapsed 0:09", progress[^1]);
        Assert.Contains("  m / niah: 1000/1000 done, 10 errors", lines);
        Assert.Contains("  m / mrcr: 1000/1000 done, 4 errors", lines);
        Assert.Equal(12, lines.Length);
    }

    [Fact]
    public void ASlowRunStillPrintsALineEveryHeartbeat()
    {
        var output = new StringWriter();
        var time = new ManualTime();
        using var log = new LogObserver(output, time);
        log.OnPlanned("m", "niah", 1000);
        log.OnFinished(Result("niah", 0, ErrorKind.None));
        Assert.Equal("", output.ToString());
        time.Advance(LogObserver.Heartbeat);
        log.OnFinished(Result("niah", 1, ErrorKind.None));
        Assert.Equal("progress 2/1000 (0%), 0 errors, elapsed 0:30" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void SampleGenerationIsVisibleBeforeAnyRequest()
    {
        var output = new StringWriter();
        using var log = new LogObserver(output);
        log.OnSamplesLoading("niah");
        log.OnSamplesLoaded("niah", 40, TimeSpan.FromMilliseconds(1234));
        Assert.Equal(["  niah: generating samples...", "  niah: 40 samples (1.2 s)"], output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    private static SampleResult Result(string eval, int i, ErrorKind error) => new()
    {
        Model = "m",
        Sample = new EvalSample { Id = "s" + i, Eval = eval, Group = "g", Messages = [] },
        ErrorKind = error,
    };

    /// <summary>A clock the test moves; timers never fire (the heartbeat's timer is tested through its effect above).</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NoTimer();

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
