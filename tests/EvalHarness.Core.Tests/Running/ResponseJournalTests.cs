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
}
