using System.Security.Cryptography;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Mrcr;
using static EvalHarness.Core.Tests.Evaluators.Mrcr.MrcrEvaluatorTests;

namespace EvalHarness.Core.Tests.Evaluators.Mrcr.Official;

public sealed class MrcrOfficialLoaderTests : IDisposable
{
    private readonly string _dir = MrcrOfficialFixture.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<OfficialRow> Rows(int n, int count, ulong seedBase) =>
        [.. Enumerable.Range(0, count).Select(i => OfficialRow.FromGenerated(seedBase + (ulong)i, n, MrcrBin.All[i % 2]))];

    [Fact]
    public async Task V1LayoutLoadsEveryRowAsIsAndScores()
    {
        var rows2 = Rows(2, 5, 100);
        var rows4 = Rows(4, 3, 200);
        await MrcrOfficialFixture.WriteParquetAsync(Path.Combine(_dir, "2needle.parquet"), rows2, rowGroupSize: 2, Ct);
        await MrcrOfficialFixture.WriteParquetAsync(Path.Combine(_dir, "4needle.parquet"), rows4, rowGroupSize: 2, Ct);

        var samples = await Collect(Request(options: [("source", _dir)]));
        Assert.Equal(8, samples.Count);
        Assert.Equal(["v1-2needle-0000", "v1-2needle-0001", "v1-2needle-0002", "v1-2needle-0003", "v1-2needle-0004",
                      "v1-4needle-0000", "v1-4needle-0001", "v1-4needle-0002"], samples.Select(s => s.Id));
        var evaluator = new MrcrEvaluator();
        foreach (var (s, row) in samples.Zip(rows2.Concat(rows4)))
        {
            Assert.Equal(row.Answer, s.Truth["answer"]!.GetValue<string>());
            Assert.Equal(row.Hash, s.Truth["random_string_to_prepend"]!.GetValue<string>());
            Assert.Equal("user", s.Messages[0].Role);
            Assert.Equal("user", s.Messages[1].Role); // the two leading user messages are not merged
            Assert.Equal(row.TotalMessages, s.Messages.Count);
            Assert.Equal("v1", s.Labels["dataset_version"]!.GetValue<string>());
            Assert.Equal("04-11-2025", s.Labels["date_added"]!.GetValue<string>());
            Assert.Equal(row.NChars, s.Labels["n_chars"]!.GetValue<long>());
            Assert.Equal(row.DesiredMsgIndex, s.Labels["desired_msg_index"]!.GetValue<int>());
            Assert.Equal(row.Answer, row.Hash + s.Messages[(int)row.DesiredMsgIndex + 1].Content);
            Assert.Equal(1.0, evaluator.Score(s, row.Answer).Score);
        }
        // Rows were generated for bins 0 and 1 alternately; the loader recounts and bins them the same way.
        Assert.Equal(["n=2;bin=4096-8192", "n=2;bin=8192-16384", "n=2;bin=4096-8192"], samples.Take(3).Select(s => s.Group));
    }

    [Fact]
    public async Task V2LayoutConcatenatesBothPartsAndWinsOverV1()
    {
        var part0 = Rows(2, 2, 300);
        var part1 = Rows(2, 2, 400);
        await MrcrOfficialFixture.WriteParquetAsync(Path.Combine(_dir, "2needle", "2needle_0.parquet"), part0, 10, Ct);
        await MrcrOfficialFixture.WriteParquetAsync(Path.Combine(_dir, "2needle", "2needle_1.parquet"), part1, 10, Ct);
        await MrcrOfficialFixture.WriteParquetAsync(Path.Combine(_dir, "2needle.parquet"), Rows(2, 1, 500), 10, Ct);

        var v2 = await Collect(Request(options: [("source", _dir)]));
        Assert.Equal(["v2-2needle_0-0000", "v2-2needle_0-0001", "v2-2needle_1-0000", "v2-2needle_1-0001"], v2.Select(s => s.Id));
        Assert.Equal(part0.Concat(part1).Select(r => r.Answer), v2.Select(s => s.Truth["answer"]!.GetValue<string>()));
        Assert.All(v2, s => Assert.Equal("v2", s.Labels["dataset_version"]!.GetValue<string>()));

        var v1 = await Collect(Request(options: [("source", _dir), ("dataset_version", "v1")]));
        Assert.Equal(["v1-2needle-0000"], v1.Select(s => s.Id));

        var described = await MrcrEvaluator.DescribeSourceAsync(Request(options: [("source", _dir)]), Ct);
        Assert.NotNull(described);
        Assert.Equal("v2", described.Version);
        Assert.Equal(2, described.Files.Count);
        foreach (var f in described.Files)
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f.Path))), f.Sha256);
            Assert.Equal(new FileInfo(f.Path).Length, f.Bytes);
        }
        Assert.Null(await MrcrEvaluator.DescribeSourceAsync(Request(), Ct));
    }

    [Fact]
    public async Task FiltersNeedlesBinsRowsPerBinAndMaxContext()
    {
        await MrcrOfficialFixture.WriteParquetAsync(Path.Combine(_dir, "2needle.parquet"), Rows(2, 6, 600), 4, Ct);
        await MrcrOfficialFixture.WriteParquetAsync(Path.Combine(_dir, "8needle.parquet"), Rows(8, 4, 700), 4, Ct);

        var only8 = await Collect(Request(options: [("source", _dir), ("n_needles", "8")]));
        Assert.Equal(4, only8.Count);
        Assert.All(only8, s => Assert.StartsWith("n=8;", s.Group, StringComparison.Ordinal));

        var firstBin = await Collect(Request(options: [("source", _dir), ("bins", "8192")]));
        Assert.Equal(5, firstBin.Count);
        Assert.All(firstBin, s => Assert.EndsWith("bin=4096-8192", s.Group, StringComparison.Ordinal));

        var onePerBin = await Collect(Request(options: [("source", _dir), ("rows_per_bin", "1")]));
        Assert.Equal(["n=2;bin=4096-8192", "n=2;bin=8192-16384", "n=8;bin=4096-8192", "n=8;bin=8192-16384"], onePerBin.Select(s => s.Group));
        Assert.Equal(["v1-2needle-0000", "v1-2needle-0001", "v1-8needle-0000", "v1-8needle-0001"], onePerBin.Select(s => s.Id));

        var small = await Collect(Request(options: [("source", _dir), ("max_context_tokens", "8192")]));
        Assert.Equal(5, small.Count);
        Assert.All(small, s => Assert.True(s.Labels["context_tokens"]!.GetValue<long>() <= 8192));

        var limited = await Collect(Request(limit: 3, options: [("source", _dir)]));
        Assert.Equal(3, limited.Count);
    }

    [Fact]
    public async Task ChunksThePageReaderDoesNotHandleFallBackToParquetNet()
    {
        // Brotli is not among the page reader's codecs, so the prompt column goes through Parquet.Net.
        var rows = Rows(2, 3, 950);
        var path = Path.Combine(_dir, "2needle.parquet");
        await MrcrOfficialFixture.WriteParquetAsync(path, rows, 2, Ct, Parquet.CompressionMethod.Brotli);
        var samples = await Collect(Request(options: [("source", path)]));
        Assert.Equal(rows.Select(r => r.Answer), samples.Select(s => s.Truth["answer"]!.GetValue<string>()));
        Assert.Equal(rows.Select(r => (int)r.TotalMessages), samples.Select(s => s.Messages.Count));
    }

    [Fact]
    public async Task JsonlWithTheSameColumnsLoads()
    {
        var rows = Rows(4, 3, 800);
        var path = Path.Combine(_dir, "mine.jsonl");
        MrcrOfficialFixture.WriteJsonl(path, rows);
        var samples = await Collect(Request(options: [("source", path)]));
        Assert.Equal(["jsonl-mine-00001", "jsonl-mine-00002", "jsonl-mine-00003"], samples.Select(s => s.Id));
        Assert.Equal(rows.Select(r => r.Answer), samples.Select(s => s.Truth["answer"]!.GetValue<string>()));
        Assert.Equal(rows[0].Prompt.Length > 0, samples[0].Messages.Count > 2);
        Assert.All(samples, s => Assert.Equal("jsonl", s.Labels["dataset_version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task BadRowsNameFileRowAndField()
    {
        var path = Path.Combine(_dir, "bad.jsonl");
        var good = Rows(2, 1, 900)[0];
        File.WriteAllLines(path, [good.ToJson().ToJsonString(), (good with { Prompt = "[{\"role\": \"user\"}]" }).ToJson().ToJsonString()]);
        var error = await Assert.ThrowsAsync<EvalInputException>(() => Collect(Request(options: [("source", path)])));
        Assert.Contains("bad.jsonl line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'prompt'", error.Message, StringComparison.Ordinal);

        var parquet = Path.Combine(_dir, "2needle.parquet");
        await File.WriteAllTextAsync(parquet, "not parquet", Ct);
        var perror = await Assert.ThrowsAsync<EvalInputException>(() => Collect(Request(options: [("source", parquet)])));
        Assert.Contains("2needle.parquet", perror.Message, StringComparison.Ordinal);
    }
}
