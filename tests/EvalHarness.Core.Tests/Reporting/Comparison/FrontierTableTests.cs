using EvalHarness.Core.Reporting.Comparison;

namespace EvalHarness.Core.Tests.Reporting.Comparison;

public sealed class FrontierTableTests
{
    [Fact]
    public void MarksParetoOptimalSidesAndTheCheapestNearTheBest()
    {
        (string, double?, double?, double?)[] points =
        [
            ("A", 0.90, 10.0, 900.0), // best score
            ("B", 0.89, 3.0, 500.0),  // within 2 points of A and cheaper
            ("C", 0.80, 4.0, 400.0),  // B is cheaper and better: dominated
            ("D", 0.70, 1.0, 100.0),  // cheapest overall
            ("E", 0.95, null, 50.0),  // no price: listed last, never on the frontier
        ];
        var rows = FrontierTable.Mark("mrcr", points, withinPoints: 2).ToList();
        Assert.Equal(["D", "B", "C", "A", "E"], rows.Select(r => r.Side).ToArray());
        Assert.Equal([true, true, false, true, false], rows.Select(r => r.ParetoOptimal).ToArray());
        Assert.Equal("B", Assert.Single(rows, r => r.CheapestWithin).Side);
    }

    [Fact]
    public void EqualPointsDoNotDominateEachOther()
    {
        var rows = FrontierTable.Mark("e", [("X", 0.5, 2.0, null), ("Y", 0.5, 2.0, null)], 0).ToList();
        Assert.All(rows, r => Assert.True(r.ParetoOptimal));
    }
}
