using EvalHarness.Core.Running.Batch;

namespace EvalHarness.Core.Tests.Running.Batch;

public sealed class BatchJournalTests
{
    [Fact]
    public async Task TheLedgerTellsWhatWasUploadedCreatedEndedAndImportedPerInputFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"batches-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var journal = new BatchJournal(path))
            {
                await journal.AppendAsync(new BatchJournalRecord { Event = BatchJournalRecord.UploadStarted, Seq = 1, Model = "m", CustomIds = ["e/a", "e/b"], Tokens = 300 });
                await journal.AppendAsync(new BatchJournalRecord { Event = BatchJournalRecord.Uploaded, Seq = 1, Model = "m", FileId = "file-1" });
                await journal.AppendAsync(new BatchJournalRecord { Event = BatchJournalRecord.CreateStarted, Seq = 1, Model = "m", FileId = "file-1" });
                await journal.AppendAsync(new BatchJournalRecord { Event = BatchJournalRecord.Created, Seq = 1, Model = "m", BatchId = "batch_1", CreatedAt = 10 });
                await journal.AppendAsync(new BatchJournalRecord { Event = BatchJournalRecord.UploadStarted, Seq = 2, Model = "m", CustomIds = ["e/c"] });
                await journal.AppendAsync(new BatchJournalRecord { Event = BatchJournalRecord.UploadStarted, Seq = 3, Model = "n", CustomIds = ["e/a"] });
                await journal.AppendAsync(new BatchJournalRecord { Event = BatchJournalRecord.Uploaded, Seq = 3, Model = "n", FileId = "file-3" });
                await journal.AppendAsync(new BatchJournalRecord { Event = BatchJournalRecord.CreateStarted, Seq = 3, Model = "n", FileId = "file-3" });
            }
            // A crash tore the last write: the journal still reads, and the next open moves the torn bytes aside.
            await File.AppendAllTextAsync(path, "{\"event\":\"batch_cre", TestContext.Current.CancellationToken);
            var ledger = BatchLedger.Fold(BatchJournal.Read(path));
            Assert.Equal([1, 2, 3], ledger.Select(e => e.Seq));
            Assert.Equal(["e/a", "e/b"], ledger[0].CustomIds);
            Assert.Equal((300L, "file-1", "batch_1", 10L, false), (ledger[0].Tokens, ledger[0].FileId, ledger[0].BatchId, ledger[0].CreatedAt, ledger[0].Imported));
            Assert.Equal((null, null, false), (ledger[1].FileId, ledger[1].BatchId, ledger[1].CreateStarted)); // upload never confirmed: redo
            Assert.Equal(("n", "file-3", true, null), (ledger[2].Model, ledger[2].FileId, ledger[2].CreateStarted, ledger[2].BatchId)); // creation unconfirmed: look it up

            await using (var journal = new BatchJournal(path))
            {
                await journal.AppendAsync(new BatchJournalRecord { Event = BatchJournalRecord.Terminal, Seq = 1, Model = "m", BatchId = "batch_1", Status = "expired", EndedAt = 70 });
                await journal.AppendAsync(new BatchJournalRecord { Event = BatchJournalRecord.Imported, Seq = 1, Model = "m", BatchId = "batch_1", Answered = 1 });
            }
            Assert.True(File.Exists(path + ".torn-1"));
            ledger = BatchLedger.Fold(BatchJournal.Read(path));
            Assert.Equal(("expired", true), (ledger[0].Terminal!.Status, ledger[0].Imported));
            Assert.DoesNotContain("\"file_id\":null", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), StringComparison.Ordinal);

            var manifest = BatchRunner.Manifest(BatchJournal.Read(path), ["m", "n"]);
            Assert.Equal(60L, (long)manifest["m"]!["wall_seconds"]!);
            Assert.Equal("batch_1", (string)manifest["m"]!["batches"]![0]!["batch_id"]!);
            Assert.Null(manifest["n"]!["wall_seconds"]);
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".torn-1");
        }
    }

    [Fact]
    public void SettingsOutsideTheirRangeAreRefusedNamingTheKey()
    {
        new BatchSettings().Validate();
        Assert.Contains("Batch:PollSeconds", Assert.Throws<EvalInputException>(() => new BatchSettings { PollSeconds = 0 }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("Batch:MaxPollSeconds", Assert.Throws<EvalInputException>(() => new BatchSettings { PollSeconds = 10, MaxPollSeconds = 5 }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("Batch:MaxLinesPerFile", Assert.Throws<EvalInputException>(() => new BatchSettings { MaxLinesPerFile = 0 }.Validate()).Message, StringComparison.Ordinal);
    }
}
