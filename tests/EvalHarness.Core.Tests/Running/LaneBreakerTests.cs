using EvalHarness.Core.Models;
using EvalHarness.Core.Running;

namespace EvalHarness.Core.Tests.Running;

public sealed class LaneBreakerTests
{
    private static ModelCallException Refused() => new(ErrorKind.Connection, "cannot connect") { Unreachable = true };

    [Theory]
    [InlineData(ErrorKind.Authentication, 401)]
    [InlineData(ErrorKind.ModelNotFound, 404)]
    [InlineData(ErrorKind.QuotaExceeded, 429)]
    public void OpensOnTheFirstErrorEveryRequestWouldRepeat(ErrorKind kind, int status)
    {
        var breaker = new LaneBreaker(3);
        Assert.True(breaker.OnFailure(new ModelCallException(kind, "no", status)));
        Assert.True(breaker.IsOpen);
        Assert.Equal(kind, breaker.Cause!.Kind);
        // Only the first failure opens it (one console line).
        Assert.False(breaker.OnFailure(new ModelCallException(kind, "no again", status)));
    }

    [Theory]
    [InlineData(ErrorKind.ContextLength)]
    [InlineData(ErrorKind.RequestTooLarge)]
    [InlineData(ErrorKind.RateLimited)]
    [InlineData(ErrorKind.ServerError)]
    [InlineData(ErrorKind.BadRequest)]
    public void StaysClosedOnPerSampleOrTransientErrors(ErrorKind kind)
    {
        var breaker = new LaneBreaker(3);
        for (var i = 0; i < 10; i++) Assert.False(breaker.OnFailure(new ModelCallException(kind, "x", 400)));
        Assert.False(breaker.IsOpen);
    }

    [Fact]
    public void OpensAfterNRefusedConnectionsWhenNothingEverAnswered()
    {
        var breaker = new LaneBreaker(3);
        Assert.False(breaker.OnFailure(Refused()));
        Assert.False(breaker.OnFailure(Refused()));
        Assert.True(breaker.OnFailure(Refused()));
        Assert.Equal(ErrorKind.Connection, breaker.Cause!.Kind);
    }

    [Fact]
    public void AnEndpointThatOnceAnsweredIsNotDead()
    {
        var breaker = new LaneBreaker(3);
        breaker.OnAnswered();
        for (var i = 0; i < 10; i++) Assert.False(breaker.OnFailure(Refused()));
        var withError = new LaneBreaker(2);
        withError.OnFailure(new ModelCallException(ErrorKind.ServerError, "500", 500));
        for (var i = 0; i < 10; i++) Assert.False(withError.OnFailure(Refused()));
        var disabled = new LaneBreaker(0);
        for (var i = 0; i < 10; i++) Assert.False(disabled.OnFailure(Refused()));
    }
}
