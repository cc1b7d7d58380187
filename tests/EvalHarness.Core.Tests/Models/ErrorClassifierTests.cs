using EvalHarness.Core.Models;

namespace EvalHarness.Core.Tests.Models;

public sealed class ErrorClassifierTests
{
    [Theory]
    [InlineData(429, "rate_limit_exceeded", ErrorKind.RateLimited)]
    [InlineData(429, "insufficient_quota", ErrorKind.QuotaExceeded)]
    [InlineData(500, null, ErrorKind.ServerError)]
    [InlineData(503, null, ErrorKind.ServerError)]
    [InlineData(408, null, ErrorKind.Timeout)]
    [InlineData(401, "invalid_api_key", ErrorKind.Authentication)]
    [InlineData(400, "context_length_exceeded", ErrorKind.ContextLength)]
    [InlineData(400, "invalid_request_error", ErrorKind.BadRequest)]
    [InlineData(404, "model_not_found", ErrorKind.ModelNotFound)]
    [InlineData(403, null, ErrorKind.Authentication)]
    [InlineData(413, null, ErrorKind.RequestTooLarge)]
    public void ClassifiesByStatusAndCode(int status, string? code, ErrorKind expected) =>
        Assert.Equal(expected, ErrorClassifier.Classify(status, code, null));

    [Fact]
    public void OnlyTransientKindsAreRetryable()
    {
        Assert.True(ErrorKind.RateLimited.IsRetryable());
        Assert.True(ErrorKind.ServerError.IsRetryable());
        Assert.True(ErrorKind.Timeout.IsRetryable());
        Assert.True(ErrorKind.Connection.IsRetryable());
        Assert.False(ErrorKind.QuotaExceeded.IsRetryable());
        Assert.False(ErrorKind.ContextLength.IsRetryable());
        Assert.False(ErrorKind.BadRequest.IsRetryable());
        Assert.False(ErrorKind.Authentication.IsRetryable());
    }

    [Theory]
    [InlineData("547ms", 547)]
    [InlineData("2m52.8s", 172_800)]
    [InlineData("6m0s", 360_000)]
    [InlineData("1h2m", 3_720_000)]
    [InlineData("1.5s", 1_500)]
    public void ParsesGoDurations(string text, double expectedMs) =>
        Assert.Equal(expectedMs, ErrorClassifier.ParseGoDuration(text)!.Value.TotalMilliseconds, 6);

    [Theory]
    [InlineData("")]
    [InlineData("ms")]
    [InlineData("5 parsecs")]
    public void RejectsMalformedDurations(string text) => Assert.Null(ErrorClassifier.ParseGoDuration(text));

    [Fact]
    public void RetryAfterPrefersMillisecondsThenSecondsThenDateThenResetHeaders()
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(250, ErrorClassifier.RetryAfter("250", "7", "1s", null, now)!.Value.TotalMilliseconds);
        Assert.Equal(7000, ErrorClassifier.RetryAfter(null, "7", "1s", null, now)!.Value.TotalMilliseconds);
        Assert.Equal(30_000, ErrorClassifier.RetryAfter(null, "Mon, 23 Nov 2026 12:00:30 GMT", null, null, now)!.Value.TotalMilliseconds);
        Assert.Equal(2_000, ErrorClassifier.RetryAfter(null, null, "1s", "2s", now)!.Value.TotalMilliseconds);
        Assert.Null(ErrorClassifier.RetryAfter(null, null, null, null, now));
    }
}
