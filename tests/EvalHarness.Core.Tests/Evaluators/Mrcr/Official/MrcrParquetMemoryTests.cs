using System.Diagnostics;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators.Mrcr;
using EvalHarness.Core.Evaluators.Mrcr.Generation;
using EvalHarness.Core.Evaluators.Mrcr.Official;
using Parquet;
using Parquet.Schema;

namespace EvalHarness.Core.Tests.Evaluators.Mrcr.Official;

/// <summary>
/// Streaming check: reading a ~330 MB official-schema parquet file (uncompressed, 8 rows of ~4.6M chars per row
/// group) must keep the working set far below the file's decoded size (~660 MB of UTF-16 prompts).
/// </summary>
public sealed class MrcrParquetMemoryTests
{
    private const int Rows = 96;
    private const int RowsPerGroup = 8;
    private const string FileVar = "EVALHARNESS_MRCR_MEMORY_FILE";
    private const string OutVar = "EVALHARNESS_MRCR_MEMORY_OUT";

    [Fact]
    [Trait("Category", "Slow")]
    public async Task ReadingALargeFileKeepsThePeakWorkingSetBounded()
    {
        if (Environment.GetEnvironmentVariable("EVALHARNESS_SLOW") != "1") Assert.Skip("set EVALHARNESS_SLOW=1 for the ~400 MB parquet memory test");
        var ct = TestContext.Current.CancellationToken;
        var dir = MrcrOfficialFixture.TempDir();
        try
        {
            var path = Path.Combine(dir, "8needle.parquet");
            await WriteLargeAsync(path, Rows, RowsPerGroup, ct);
            var fileBytes = new FileInfo(path).Length;

            // Measure in a fresh process: this one's heap is already inflated by writing the file.
            var outPath = Path.Combine(dir, "memory.txt");
            var start = new ProcessStartInfo { FileName = Environment.ProcessPath!, RedirectStandardOutput = true, RedirectStandardError = true };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(MrcrParquetMemoryTests).Assembly.Location);
            foreach (var a in new[] { "-method", "*MrcrParquetMemoryTests.ChildReadsTheFile" }) start.ArgumentList.Add(a);
            start.Environment["EVALHARNESS_SLOW"] = "1";
            start.Environment[FileVar] = path;
            start.Environment[OutVar] = outPath;
            using var child = Process.Start(start)!;
            var stdout = child.StandardOutput.ReadToEndAsync(ct);
            var stderr = child.StandardError.ReadToEndAsync(ct);
            await child.WaitForExitAsync(ct);
            Assert.True(File.Exists(outPath), await stdout + await stderr);
            var parts = File.ReadAllText(outPath).Split(' ');
            var rowsRead = long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            var chars = long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            var peak = long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            var firstLive = long.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture);
            var lastLive = long.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture);
            var maxLive = long.Parse(parts[5], System.Globalization.CultureInfo.InvariantCulture);
            var report = $"file {fileBytes / 1e6:F0} MB, {rowsRead} rows in groups of {RowsPerGroup}, {chars / 1e6:F0}M content chars ({2 * chars / 1e6:F0} MB as UTF-16); "
                + $"live heap MB per group {parts[6]}; first {firstLive / 1e6:F0} MB, last {lastLive / 1e6:F0} MB, max {maxLive / 1e6:F0} MB; child peak working set {peak / 1e6:F0} MB";
            TestContext.Current.TestOutputHelper?.WriteLine(report);
            File.WriteAllText(Path.Combine(Path.GetTempPath(), "mrcr-parquet-memory.txt"), report + "\n");
            Assert.Equal(Rows, rowsRead);
            Assert.True(2 * chars > 600_000_000, $"fixture too small: {report}");
            // Bounded by row groups, not by the file: Parquet.Net's pooled buffers fill in steps (one per thread that
            // ran a continuation), then stop. Keeping the 12 groups' prompts (~74 MB each as UTF-16) would add up to
            // ~900 MB over the first group's figure; allow less than the first group's figure again.
            Assert.True(maxLive < 2 * firstLive, report);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Runs only as the child of the test above: reads the file like the loader does, measuring the live managed heap
    /// (after a full collection) at the last row of each row group, and reports it with the peak working set.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task ChildReadsTheFile()
    {
        var path = Environment.GetEnvironmentVariable(FileVar);
        var outPath = Environment.GetEnvironmentVariable(OutVar);
        if (path is null || outPath is null) Assert.Skip("child process of ReadingALargeFileKeepsThePeakWorkingSetBounded");
        var file = new MrcrSourceFile(path, MrcrFileFormat.Parquet, 8, "v1");
        long count = 0, chars = 0, firstLive = 0, lastLive = 0, maxLive = 0;
        var lives = new List<long>();
        await foreach (var row in MrcrParquetReader.ReadAsync(file, _ => true, TestContext.Current.CancellationToken))
        {
            var messages = MrcrPromptParser.Parse(row.Prompt, row.Location);
            chars += messages.Sum(m => (long)m.Content.Length);
            count++;
            if (row.RowIndex % RowsPerGroup == RowsPerGroup - 1)
            {
                lastLive = GC.GetTotalMemory(forceFullCollection: true);
                if (firstLive == 0) firstLive = lastLive;
                maxLive = Math.Max(maxLive, lastLive);
                lives.Add(lastLive / 1_000_000);
            }
        }
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        File.WriteAllText(outPath, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{count} {chars} {process.PeakWorkingSet64} {firstLive} {lastLive} {maxLive} {string.Join(',', lives)}"));
    }

    /// <summary>Three 1M-token conversations, each row made unique by a row number in the preamble.</summary>
    private static async Task WriteLargeAsync(string path, int rows, int rowsPerGroup, CancellationToken ct)
    {
        var generator = new MrcrConversationGenerator();
        var bases = Enumerable.Range(0, 3).Select(i => generator.Generate((ulong)i, 8, MrcrBin.All[7])).ToList();
        var schema = new ParquetSchema(MrcrOfficialFixture.Prompt, MrcrOfficialFixture.Answer, MrcrOfficialFixture.Hash,
            MrcrOfficialFixture.NNeedles, MrcrOfficialFixture.Desired, MrcrOfficialFixture.Total, MrcrOfficialFixture.NChars, MrcrOfficialFixture.Date);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.None }, false, ct);
        for (var start = 0; start < rows; start += rowsPerGroup)
        {
            var group = Enumerable.Range(start, rowsPerGroup).Select(i =>
            {
                var c = bases[i % bases.Count];
                var list = new JsonArray();
                for (var m = 0; m < c.Messages.Count; m++)
                {
                    var content = m == 0 ? $"row {i}. " + c.Messages[m].Content : c.Messages[m].Content;
                    list.Add(new JsonObject { ["role"] = c.Messages[m].Role, ["content"] = content });
                }
                return new OfficialRow(list.ToJsonString(), c.Answer, c.Hash, 8, c.DesiredMsgIndex, c.Messages.Count, c.NChars, "12-05-2025");
            }).ToList();
            using var rg = writer.CreateRowGroup();
            await rg.WriteAsync(MrcrOfficialFixture.Prompt, group.Select(r => r.Prompt).ToList());
            await rg.WriteAsync(MrcrOfficialFixture.Answer, group.Select(r => r.Answer).ToList());
            await rg.WriteAsync(MrcrOfficialFixture.Hash, group.Select(r => r.Hash).ToList());
            await rg.WriteAsync<long>(MrcrOfficialFixture.NNeedles, group.Select(r => (long?)r.NNeedles).ToArray().AsMemory(), null, null, ct);
            await rg.WriteAsync<long>(MrcrOfficialFixture.Desired, group.Select(r => (long?)r.DesiredMsgIndex).ToArray().AsMemory(), null, null, ct);
            await rg.WriteAsync<long>(MrcrOfficialFixture.Total, group.Select(r => (long?)r.TotalMessages).ToArray().AsMemory(), null, null, ct);
            await rg.WriteAsync<long>(MrcrOfficialFixture.NChars, group.Select(r => (long?)r.NChars).ToArray().AsMemory(), null, null, ct);
            await rg.WriteAsync(MrcrOfficialFixture.Date, group.Select(r => r.DateAdded).ToList());
        }
    }
}
