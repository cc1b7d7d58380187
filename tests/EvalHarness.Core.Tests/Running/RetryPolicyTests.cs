using EvalHarness.Core.Models;
using EvalHarness.Core.Running;

namespace EvalHarness.Core.Tests.Running;

public sealed class RetryPolicyTests
{
    private static readonly RetryPolicy Policy = new(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    [Fact]
    public void HonoursServerRetryAfter()
    {
        var error = new ModelCallException(ErrorKind.RateLimited, "slow down", 429, TimeSpan.FromMilliseconds(1234));
        Assert.Equal(TimeSpan.FromMilliseconds(1234), Policy.NextDelay(error, 1, TimeSpan.Zero));
    }

    [Fact]
    public void BacksOffExponentiallyWithJitterWithinBounds()
    {
        var error = new ModelCallException(ErrorKind.ServerError, "boom", 500);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var full = 100 * Math.Pow(2, attempt - 1);
            var delay = Policy.NextDelay(error, attempt, TimeSpan.Zero)!.Value.TotalMilliseconds;
            Assert.InRange(delay, full / 2, full);
        }
    }

    [Fact]
    public void GivesUpAfterMaxRetriesOrWaitBudget()
    {
        var error = new ModelCallException(ErrorKind.Connection, "reset");
        Assert.Null(Policy.NextDelay(error, 4, TimeSpan.Zero));
        var slow = new ModelCallException(ErrorKind.RateLimited, "wait", 429, TimeSpan.FromSeconds(5));
        Assert.Null(Policy.NextDelay(slow, 1, TimeSpan.FromSeconds(6)));
    }

    [Fact]
    public void NeverRetriesFailFastKinds()
    {
        Assert.Null(Policy.NextDelay(new ModelCallException(ErrorKind.QuotaExceeded, "pay", 429, TimeSpan.FromSeconds(1)), 1, TimeSpan.Zero));
        Assert.Null(Policy.NextDelay(new ModelCallException(ErrorKind.ContextLength, "too long", 400), 1, TimeSpan.Zero));
    }
}
