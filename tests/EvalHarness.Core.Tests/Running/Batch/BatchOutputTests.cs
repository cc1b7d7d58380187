using System.Text;
using EvalHarness.Core.Models;
using EvalHarness.Core.Running.Batch;

namespace EvalHarness.Core.Tests.Running.Batch;

public sealed class BatchOutputTests
{
    private static MemoryStream File(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

    private const string Answer = """{"id":"batch_req_1","custom_id":"niah/a","response":{"status_code":200,"request_id":"r1","body":{"id":"c","object":"chat.completion","model":"gpt-4.1-mini-2025-04-14","choices":[{"index":0,"message":{"role":"assistant","content":"42","reasoning_content":"thinking"},"finish_reason":"stop"}],"usage":{"prompt_tokens":100,"completion_tokens":7,"prompt_tokens_details":{"cached_tokens":64},"completion_tokens_details":{"reasoning_tokens":3}}}},"error":null}""";

    [Fact]
    public async Task OutputAndErrorFilesAreJoinedOnCustomIdAndEachLineClassified()
    {
        var output = File(Answer);
        var errors = File(
            """{"id":"batch_req_2","custom_id":"niah/b","response":{"status_code":500,"request_id":"r2","body":{"error":{"message":"boom","type":"server_error","code":null}}},"error":null}""",
            """{"id":"batch_req_3","custom_id":"niah/c","response":{"status_code":400,"request_id":"r3","body":{"error":{"message":"This model's maximum context length is 8192 tokens","type":"invalid_request_error","code":"context_length_exceeded"}}},"error":null}""",
            """{"id":"batch_req_4","custom_id":"niah/d","response":null,"error":{"code":"batch_expired","message":"This request could not be executed before the completion window expired."}}""",
            """{"id":"batch_req_5","custom_id":"niah/e","response":null,"error":{"code":"batch_cancelled","message":"cancelled"}}""",
            // An error line for a request that also has an answer: the answer wins.
            """{"id":"batch_req_6","custom_id":"niah/a","response":{"status_code":500,"request_id":"r6","body":{"error":{"message":"late","type":"server_error"}}},"error":null}""");
        var answers = new List<BatchOutcome.Answer>();
        var outcomes = await BatchOutput.ReadAsync([output, errors], a =>
        {
            answers.Add(a);
            return Task.CompletedTask;
        }, TestContext.Current.CancellationToken);

        var a = Assert.Single(answers); // handed over as read, once per custom_id
        Assert.Equal("niah/a", a.CustomId);
        Assert.False(outcomes.ContainsKey("niah/a")); // the answer wins over the late error line
        Assert.Equal(("42", "stop", "gpt-4.1-mini-2025-04-14", "thinking"), (a.Text, a.FinishReason, a.ServedModel, a.Reasoning));
        Assert.Equal(new TokenUsage(100, 64, 7, 3), a.Usage);
        var b = Assert.IsType<BatchOutcome.Failure>(outcomes["niah/b"]);
        Assert.Equal((ErrorKind.ServerError, 500), (b.Error.Kind, b.Error.HttpStatus));
        Assert.True(b.Error.Kind.IsRetryable());
        Assert.Equal(ErrorKind.ContextLength, Assert.IsType<BatchOutcome.Failure>(outcomes["niah/c"]).Error.Kind);
        Assert.Equal("batch_expired", Assert.IsType<BatchOutcome.NotExecuted>(outcomes["niah/d"]).Code);
        Assert.Equal("batch_cancelled", Assert.IsType<BatchOutcome.NotExecuted>(outcomes["niah/e"]).Code);
        Assert.False(outcomes.ContainsKey("niah/f")); // absent from both files: the caller submits it again
    }

    [Fact]
    public void AnAnswerWithoutUsageHasNullUsageNotZeros()
    {
        var line = """{"custom_id":"x/1","response":{"status_code":200,"body":{"choices":[{"message":{"content":"hi"},"finish_reason":"length"}]}}}""";
        var a = Assert.IsType<BatchOutcome.Answer>(BatchOutput.ParseLine(line));
        Assert.Null(a.Usage);
        Assert.Equal(("hi", "length"), (a.Text, a.FinishReason));
    }

    [Fact]
    public void EmptyAndNullFileIdsAreBothAbsentAndTheFirstValidationErrorIsRead()
    {
        var empty = BatchStatus.Parse("""{"id":"batch_1","status":"completed","output_file_id":"","error_file_id":null,"request_counts":{"total":3,"completed":2,"failed":1},"created_at":100,"completed_at":160}"""u8);
        Assert.Equal((null, null, 3, 2, 1, 100L, 160L), (empty.OutputFileId, empty.ErrorFileId, empty.Total, empty.Completed, empty.Failed, empty.CreatedAt, empty.EndedAt));
        Assert.True(empty.IsTerminal);
        var failed = BatchStatus.Parse("""{"id":"batch_2","status":"failed","errors":{"object":"list","data":[{"code":"token_limit_exceeded","message":"Enqueued token limit reached","param":null,"line":null}]},"failed_at":5}"""u8);
        Assert.Equal(("token_limit_exceeded", "Enqueued token limit reached", 5L), (failed.ErrorCode, failed.ErrorMessage, failed.EndedAt));
        Assert.False(BatchStatus.Parse("""{"id":"b","status":"finalizing"}"""u8).IsTerminal);
    }
}
