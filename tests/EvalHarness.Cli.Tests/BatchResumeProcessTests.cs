using System.Diagnostics;
using EvalHarness.Core.Files;
using EvalHarness.Core.Running;
using EvalHarness.Core.Running.Batch;
using EvalHarness.Simulator;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// A batch run killed after it submitted (a real child process, killed as a crash would) and resumed in the same
/// folder: `run --resume` re-attaches to the batch its journal names, so every request is paid once.
/// </summary>
public sealed class BatchResumeProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(string Work, string Settings, string Dir)> KillAfterSubmitAsync(SimulatorServer server)
    {
        var work = CliProcess.NewTempDirectory();
        var settings = await BatchEndToEndTests.SettingsAsync(work, server);
        var dir = Path.Combine(work, "run");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(CliProcess.CliDll);
        foreach (var a in BatchEndToEndTests.Run(settings, dir, "--batch")) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync(Ct);
        _ = process.StandardError.ReadToEndAsync(Ct);
        var journal = Path.Combine(dir, BatchJournal.FileName);
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(journal) && BatchJournal.Read(journal).Any(r => r.Event == BatchJournalRecord.Created)))
        {
            Assert.False(process.HasExited, "the run ended before its batch was created");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no batch created within 60 s");
            await Task.Delay(20, Ct);
        }
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(Ct);
        Assert.Equal(1, server.Counters.BatchesCreated);
        Assert.False(File.Exists(Path.Combine(dir, "samples.csv")));
        return (work, settings, dir);
    }

    private static async Task ResumeAndAssertPaidOnceAsync(SimulatorServer server, string settings, string dir)
    {
        var (exit, output) = await BatchEndToEndTests.CliAsync("run", "--resume", dir, "--plain", "--no-history", "--config", settings);
        Assert.True(exit == 0, output);
        Assert.Equal(1, server.Counters.BatchesCreated); // re-attached, never created again
        Assert.Equal(6, server.Counters.BatchLinesExecuted.Count);
        Assert.All(server.Counters.BatchLinesExecuted.Values, v => Assert.Equal(1, v));
        var rows = CsvTable.Read(Path.Combine(dir, "samples.csv")).Rows;
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal(("", "1", ""), (r["error_kind"], r["score"], r["latency_ms"])));
        Assert.Equal(6, ResponseJournal.Read(Path.Combine(dir, "responses.jsonl")).Count);
    }

    [Fact]
    public async Task KilledAfterTheBatchWasCreatedTheResumedRunReattachesAndPaysEachRequestOnce()
    {
        // The batch stays in progress for 3 s: long enough to kill the run while it polls.
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, Batch = { CompletionSeconds = 3 } }, 0, Ct);
        var (_, settings, dir) = await KillAfterSubmitAsync(server);
        await ResumeAndAssertPaidOnceAsync(server, settings, dir);
        var events = BatchJournal.Read(Path.Combine(dir, BatchJournal.FileName)).Select(r => r.Event).ToList();
        Assert.Equal(1, events.Count(e => e == BatchJournalRecord.UploadStarted));
        Assert.Equal(1, events.Count(e => e == BatchJournalRecord.Imported));
    }

    [Fact]
    public async Task ACreationSentButNeverJournaledIsFoundOnTheServerNotCreatedAgain()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, Batch = { CompletionSeconds = 3 } }, 0, Ct);
        var (_, settings, dir) = await KillAfterSubmitAsync(server);
        // As if the process died after the server created the batch but before its id reached the journal.
        var journal = Path.Combine(dir, BatchJournal.FileName);
        var lines = (await File.ReadAllLinesAsync(journal, Ct)).Where(l => !l.Contains("\"" + BatchJournalRecord.Created + "\"", StringComparison.Ordinal)).ToList();
        await File.WriteAllLinesAsync(journal, lines, Ct);
        Assert.DoesNotContain(BatchJournal.Read(journal), r => r.Event == BatchJournalRecord.Created);
        await ResumeAndAssertPaidOnceAsync(server, settings, dir);
    }

    [Fact]
    public async Task ABatchTheServerNoLongerKnowsIsSubmittedAgainOnResume()
    {
        await using var first = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, Batch = { CompletionSeconds = 30 } }, 0, Ct);
        var (_, settings, dir) = await KillAfterSubmitAsync(first);
        // Another server (as after a provider-side loss): the journaled batch id answers 404.
        await using var second = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true }, 0, Ct);
        await File.WriteAllTextAsync(settings, (await File.ReadAllTextAsync(settings, Ct)).Replace(first.BaseUrl.ToString(), second.BaseUrl.ToString(), StringComparison.Ordinal), Ct);
        var (exit, output) = await BatchEndToEndTests.CliAsync("run", "--resume", dir, "--plain", "--no-history", "--config", settings);
        Assert.True(exit == 0, output);
        Assert.Equal(1, second.Counters.BatchesCreated);
        Assert.All(CsvTable.Read(Path.Combine(dir, "samples.csv")).Rows, r => Assert.Equal("1", r["score"]));
        var ledger = BatchLedger.Fold(BatchJournal.Read(Path.Combine(dir, BatchJournal.FileName)));
        Assert.Equal(BatchImport.Lost, ledger[0].Terminal!.Status);
    }

    [Fact]
    public async Task AnUploadStartedButNeverConfirmedIsUploadedAgainWithoutAnyBatchPaidTwice()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ZeroLatency = true, Batch = { CompletionSeconds = 0.2 } }, 0, Ct);
        var work = CliProcess.NewTempDirectory();
        var settings = await BatchEndToEndTests.SettingsAsync(work, server);
        var dir = Path.Combine(work, "run");
        // A run interrupted during its first upload: the manifest and the intent are written, nothing else.
        var (exit, output) = await BatchEndToEndTests.CliAsync(BatchEndToEndTests.Run(settings, dir, "--batch"));
        Assert.True(exit == 0, output);
        var journal = Path.Combine(dir, BatchJournal.FileName);
        var first = (await File.ReadAllLinesAsync(journal, Ct))[0];
        Assert.Contains(BatchJournalRecord.UploadStarted, first, StringComparison.Ordinal);
        await File.WriteAllTextAsync(journal, first + "\n", Ct);
        await File.WriteAllTextAsync(Path.Combine(dir, "responses.jsonl"), "", Ct);
        File.Delete(Path.Combine(dir, "samples.csv"));

        (exit, output) = await BatchEndToEndTests.CliAsync("run", "--resume", dir, "--plain", "--no-history", "--config", settings);
        Assert.True(exit == 0, output);
        Assert.Equal(2, server.Counters.BatchesCreated); // the first run's, then the resumed run's (its upload was never confirmed)
        Assert.Equal(6, CsvTable.Read(Path.Combine(dir, "samples.csv")).Rows.Count(r => r["error_kind"].Length == 0));
        var ledger = BatchLedger.Fold(BatchJournal.Read(journal));
        Assert.Equal((2, null, true), (ledger.Count, ledger[0].FileId, ledger[1].Imported));
    }
}
