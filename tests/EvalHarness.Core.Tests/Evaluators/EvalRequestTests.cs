using EvalHarness.Core.Evaluators;

namespace EvalHarness.Core.Tests.Evaluators;

public sealed class EvalRequestTests
{
    [Fact]
    public void IntListParsesInvariantAndRejectsGarbage()
    {
        var request = new EvalRequest
        {
            Options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Context_Lengths"] = "1000, 4000", ["depths"] = "1,x" },
        };
        Assert.Equal([1000, 4000], request.GetIntList("context_lengths"));
        var error = Assert.Throws<EvalInputException>(() => request.GetIntList("depths"));
        Assert.Contains("'x'", error.Message);
    }
}
