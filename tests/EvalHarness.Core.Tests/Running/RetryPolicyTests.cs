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

    [Fact]
    public void CapsTheServersRetryAfterInsteadOfGivingUp()
    {
        // A server asking for an hour is retried after the cap (default 60 s), not abandoned and not obeyed.
        var policy = new RetryPolicy(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(300));
        var hour = new ModelCallException(ErrorKind.RateLimited, "wait", 429, TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.FromSeconds(60), policy.NextDelay(hour, 1, TimeSpan.Zero));
        var capped = new RetryPolicy(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(2), capped.NextDelay(hour, 1, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(1234), capped.NextDelay(new ModelCallException(ErrorKind.RateLimited, "wait", 429, TimeSpan.FromMilliseconds(1234)), 1, TimeSpan.Zero));
    }

    [Fact]
    public void NeverRetriesARequestLargerThanTheTokenLimit() =>
        Assert.Null(Policy.NextDelay(new ModelCallException(ErrorKind.RequestTooLarge, "Request too large", 429, TimeSpan.FromSeconds(1)), 1, TimeSpan.Zero));
}
