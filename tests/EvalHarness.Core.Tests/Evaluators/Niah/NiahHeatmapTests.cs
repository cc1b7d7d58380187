using EvalHarness.Core.Evaluators.Niah;

namespace EvalHarness.Core.Tests.Evaluators.Niah;

public sealed class NiahHeatmapTests
{
    [Fact]
    public void PivotsDepthRowsAndContextColumnsAscending()
    {
        var map = NiahHeatmap.Build(
        [
            (4000, 100, 1.0), (1000, 50, 0.0), (1000, 50, 1.0), (4000, 0, 0.25), (1000, 0, 1.0),
        ]);
        Assert.Equal([1000, 4000], map.ContextLengths);
        Assert.Equal([0.0, 50.0, 100.0], map.Rows.Select(r => r.DepthPercent));
        Assert.Equal([1.0, 0.25], map.Rows[0].MeanScores);
        Assert.Equal([0.5, null], map.Rows[1].MeanScores);
        Assert.Equal([null, 1.0], map.Rows[2].MeanScores);
        Assert.Equal("depth_percent,1000,4000\n0,1,0.25\n50,0.5,\n100,,1\n", map.ToCsv());
    }
}
