using System.Runtime.CompilerServices;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Running;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Tests.Running;

/// <summary><c>--limit N</c>: round-robin over groups in their first-seen order; chosen samples keep stream order.</summary>
public sealed class StratifiedLimitTests
{
    private static EvalSample S(string id, string group) => new() { Id = id, Eval = "niah", Messages = [new ChatMessage("user", id)], Group = group };

    private static async IAsyncEnumerable<EvalSample> Stream(IEnumerable<EvalSample> samples, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var s in samples)
        {
            ct.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return s;
        }
    }

    private static readonly EvalSample[] Grouped =
        [S("a1", "A"), S("a2", "A"), S("a3", "A"), S("b1", "B"), S("c1", "C"), S("c2", "C"), S("a4", "A"), S("c3", "C")];

    [Theory]
    [InlineData(1, "a1")]
    [InlineData(3, "a1,b1,c1")] // every group once before any group twice
    [InlineData(4, "a1,a2,b1,c1")] // round two starts with the first group; stream order kept
    [InlineData(6, "a1,a2,a3,b1,c1,c2")] // B is exhausted, the others go on
    [InlineData(20, "a1,a2,a3,b1,c1,c2,a4,c3")]
    public async Task EveryGroupGetsASampleBeforeAnyGetsASecond(int limit, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var streamed = await StratifiedLimit.TakeAsync(Stream(Grouped, ct), limit, ct);
        Assert.Equal(expected.Split(','), streamed.Select(s => s.Id));
        Assert.Equal(expected.Split(','), StratifiedLimit.Take(Grouped, limit).Select(s => s.Id)); // same rule on a list
    }

    [Fact]
    public async Task NiahLimitCoversEveryCellAndTheSameSeedChoosesTheSameSamples()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["context_lengths"] = "1000,2000,3000", ["depths"] = "0,50,100" };
        async Task<IReadOnlyList<EvalSample>> Load(int seed, int? limit)
        {
            var evaluator = EvaluatorRegistry.Find("niah").Create(options);
            var plans = await RunCoordinator.LoadSamplesAsync([(evaluator, new EvalRequest { Seed = seed, Limit = limit, Options = options })], ct);
            return plans[0].Samples;
        }

        var all = await Load(7, null);
        var cells = all.Select(s => s.Group).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(cells.Count >= 9, $"expected a 3 x 3 grid, got {cells.Count} cells");
        var limited = await Load(7, cells.Count);
        // The first N samples of the stream would cover only the first context length: the stratified sample covers all.
        Assert.Equal(cells, limited.Select(s => s.Group).Distinct(StringComparer.Ordinal));
        Assert.Equal(limited.Select(s => s.Id), (await Load(7, cells.Count)).Select(s => s.Id));
        Assert.Equal(StratifiedLimit.Take(all, 4).Select(s => s.Id), (await Load(7, 4)).Select(s => s.Id));
        Assert.All(limited, s => Assert.Contains(s.Id, all.Select(a => a.Id)));
    }
}
