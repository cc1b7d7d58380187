using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace EvalHarness.Simulator.Internal;

/// <summary>
/// Waits until a point on a <see cref="Stopwatch"/> timeline with sub-millisecond accuracy.
/// Task.Delay fires a millisecond or more late and its continuation then queues behind whatever the thread pool is
/// doing (token counting of other prompts), so precise waits are served by one dedicated timer thread instead: it
/// sleeps until shortly before the earliest deadline, spins (yielding) to the deadline, and resumes the waiter inline.
/// Waiters resumed this way only write a small chunk and flush before their next real await.
/// </summary>
internal static class PreciseDelay
{
    private static readonly PrecisionTimer Timer = new();

    public static ValueTask WaitUntilAsync(long startTimestamp, TimeSpan target, CancellationToken ct)
    {
        var due = startTimestamp + (long)(target.TotalSeconds * Stopwatch.Frequency);
        return Stopwatch.GetTimestamp() >= due ? ValueTask.CompletedTask : new ValueTask(Timer.WaitAsync(due, ct));
    }

    /// <summary>
    /// Moves the caller off the timer thread (to the thread pool) once its time-critical write is done, so that no
    /// other work (the rest of the response, the next request on the connection) ever runs on the timer thread.
    /// </summary>
    public static YieldAwaitable LeaveTimerThread() => Task.Yield();

    /// <summary>Coarse wait (Task.Delay): for decode pacing, where the average rate matters, not each chunk.</summary>
    public static Task WaitUntilCoarseAsync(long startTimestamp, TimeSpan target, CancellationToken ct)
    {
        var remaining = target - Stopwatch.GetElapsedTime(startTimestamp);
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, ct) : Task.CompletedTask;
    }

    private sealed class PrecisionTimer
    {
        // A timed wait on Linux/Windows wakes up to ~1 ms late; spin for the last stretch.
        private static readonly long SpinTicks = Stopwatch.Frequency * 3 / 2000; // 1.5 ms

        private readonly Lock _gate = new();
        private readonly PriorityQueue<Waiter, long> _queue = new();
        private readonly SemaphoreSlim _wake = new(0);
        private Thread? _thread;

        public Task WaitAsync(long due, CancellationToken ct)
        {
            // Not RunContinuationsAsynchronously: the awaiting handler resumes on the timer thread, right at the deadline.
            var waiter = new Waiter(new TaskCompletionSource());
            if (ct.CanBeCanceled)
            {
                waiter.Registration = ct.Register(static state => ((Waiter)state!).Completion.TrySetCanceled(), waiter);
            }

            lock (_gate)
            {
                _queue.Enqueue(waiter, due);
                if (_thread is null)
                {
                    _thread = new Thread(Run) { IsBackground = true, Name = "simulator precise timer", Priority = ThreadPriority.AboveNormal };
                    _thread.Start();
                }
            }

            _wake.Release();
            return waiter.Completion.Task;
        }

        private void Run()
        {
            while (true)
            {
                Waiter? ready = null;
                long wait;
                lock (_gate)
                {
                    if (!_queue.TryPeek(out var next, out var due))
                    {
                        wait = -1;
                    }
                    else
                    {
                        wait = due - Stopwatch.GetTimestamp();
                        if (wait <= 0 || next.Completion.Task.IsCompleted)
                        {
                            ready = _queue.Dequeue();
                        }
                    }
                }

                if (ready is not null)
                {
                    ready.Registration.Dispose();
                    ready.Completion.TrySetResult();
                }
                else if (wait < 0)
                {
                    _wake.Wait();
                }
                else if (wait > SpinTicks)
                {
                    // Sleep until shortly before the deadline; an earlier new deadline wakes us through the semaphore.
                    _wake.Wait(TimeSpan.FromSeconds((double)(wait - SpinTicks) / Stopwatch.Frequency));
                }
                else
                {
                    Thread.Yield();
                }
            }
        }

        private sealed class Waiter(TaskCompletionSource completion)
        {
            public TaskCompletionSource Completion { get; } = completion;

            public CancellationTokenRegistration Registration { get; set; }
        }
    }
}
