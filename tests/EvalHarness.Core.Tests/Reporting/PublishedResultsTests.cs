using EvalHarness.Core.Reporting;
using EvalHarness.TestSupport;

namespace EvalHarness.Core.Tests.Reporting;

public sealed class PublishedResultsTests
{
    private static PublishedResults Shipped() => PublishedResults.Load(Path.Combine(SharedData.RepoRoot, "datasets", "published"));

    [Fact]
    public void ShippedTableHasTheLaunchPostNumbersUnderTheEvaluatorsCellNames()
    {
        var published = Shipped();
        // Values from OpenAI's GPT-4.1 launch post (shared/specs/published-results.md).
        Assert.Equal(57.2, published.Find("mrcr", "n=2;bin=65536-131072", "gpt-4.1")!.ValuePercent);
        Assert.Equal(12.0, published.Find("mrcr", "n=2;bin=524288-1048576", "gpt-4.1-nano")!.ValuePercent);
        Assert.Equal(25.0, published.Find("graphwalks", "bfs;split=<128k", "gpt-4.1-nano")!.ValuePercent);
        Assert.Equal(74.5, published.Find("ifeval", "all", "gpt-4.1-nano")!.ValuePercent);
        var first = published.Find("graphwalks", "parents;split=<128k", "gpt-4.1-mini")!;
        Assert.Equal("2025-04-14", first.Date); // the launch post wins over the later GPT-5 restatement
        Assert.Null(published.Find("graphwalks", "bfs;bin=8000", "gpt-4.1")); // generated bins are not the published cells
        Assert.Null(published.Find("mrcr", "n=2;bin=65536-131072", "sim-oracle"));
        Assert.All(published.Values, v => Assert.False(string.IsNullOrWhiteSpace(v.Source)));
    }

    [Fact]
    public void MalformedValueNamesFileAndLine()
    {
        var dir = Path.Combine(Path.GetTempPath(), "published-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "x.csv"), "eval,cell,model,value_percent,source,date\nmrcr,all,m,12.5,s,d\nmrcr,all,m,lots,s,d\n");
        var error = Assert.Throws<EvalInputException>(() => PublishedResults.Load(dir));
        Assert.Contains("x.csv:3:", error.Message);
        Directory.Delete(dir, true);
    }
}
