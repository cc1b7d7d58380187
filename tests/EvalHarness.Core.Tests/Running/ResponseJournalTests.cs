using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Running;

namespace EvalHarness.Core.Tests.Running;

public sealed class ResponseJournalTests
{
    [Fact]
    public async Task AppendedRecordsAreReadableImmediatelyAndATornLastLineIsSkipped()
    {
        var path = Path.Combine(Path.GetTempPath(), $"journal-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var journal = new ResponseJournal(path))
            {
                await journal.AppendAsync(new JournalRecord { Model = "m", Eval = "niah", Id = "a", Response = "x\ny \"quoted\"", Attempts = 2 }, TestContext.Current.CancellationToken);
                // Readable while the journal is still open: nothing waits for a final flush.
                var live = ResponseJournal.Read(path);
                Assert.Equal("x\ny \"quoted\"", Assert.Single(live).Response);
                await journal.AppendAsync(new JournalRecord { Model = "m", Eval = "niah", Id = "b", ErrorKind = "server_error", Attempts = 7 }, TestContext.Current.CancellationToken);
            }
            await File.AppendAllTextAsync(path, "{\"model\":\"m\",\"eval\":\"ni", TestContext.Current.CancellationToken);
            var records = ResponseJournal.Read(path);
            Assert.Equal(["a", "b"], records.Select(r => r.Id));
            Assert.Equal(7, records[1].Attempts);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ACorruptLineInTheMiddleIsAnInputError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"journal-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllText(path, "{\"id\":\"a\"}\nnot json\n{\"id\":\"b\"}\n");
            var error = Assert.Throws<EvalInputException>(() => ResponseJournal.Read(path));
            Assert.Contains(":2:", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AJournalWrittenBeforeTheReasoningFieldsIsStillReadAndTheNewFieldsRoundTrip()
    {
        var path = Path.Combine(Path.GetTempPath(), $"journal-{Guid.NewGuid():N}.jsonl");
        try
        {
            // A line as earlier versions wrote it: no ttfb_ms, first_reasoning_ms, reasoning or max_output_tokens.
            File.WriteAllText(path,
                "{\"model\":\"m\",\"eval\":\"niah\",\"id\":\"a\",\"response\":\"x\",\"error_kind\":\"\",\"attempts\":1,\"ttft_ms\":12.5,\"finish_reason\":\"stop\"}\n" +
                "{\"model\":\"m\",\"eval\":\"niah\",\"id\":\"b\",\"response\":\"\",\"error_kind\":\"\",\"attempts\":1,\"finish_reason\":\"length\",\"max_output_tokens\":64,\"ttfb_ms\":3.25,\"first_reasoning_ms\":4.5,\"reasoning\":\"thinking\"}\n");
            var records = ResponseJournal.Read(path);
            Assert.Null(records[0].TtfbMs);
            Assert.Null(records[0].FirstReasoningMs);
            Assert.Null(records[0].Reasoning);
            Assert.Null(records[0].MaxOutputTokens);
            Assert.Equal(12.5, records[0].TtftMs);
            Assert.Equal((64, 3.25, 4.5, "thinking", "length"), (records[1].MaxOutputTokens, records[1].TtfbMs, records[1].FirstReasoningMs, records[1].Reasoning, records[1].FinishReason));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
