using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Graphwalks;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Tests.Evaluators.Graphwalks;

public sealed class GraphwalksGeneratorTests
{
    private static EvalRequest Request(int seed, params (string Key, string Value)[] options) => new()
    {
        Seed = seed,
        Options = options.ToDictionary(o => o.Key, o => o.Value, StringComparer.OrdinalIgnoreCase),
    };

    private static async Task<List<EvalSample>> Samples(EvalRequest request) =>
        await new GraphwalksEvaluator().GetSamples(request, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

    private static readonly (string, string)[] Smoke = [("token_targets", "2000,8000"), ("samples_per_target", "3")];

    [Fact]
    public async Task SameSeedGivesIdenticalPromptsAndOtherSeedsDiffer()
    {
        var a = await Samples(Request(7, Smoke));
        var b = await Samples(Request(7, Smoke));
        var c = await Samples(Request(8, Smoke));
        Assert.Equal(12, a.Count);
        Assert.Equal(a.Select(s => s.Id), b.Select(s => s.Id));
        Assert.Equal(a.Select(s => s.Messages[0].Content), b.Select(s => s.Messages[0].Content));
        Assert.Equal(a.Select(s => s.Truth.ToJsonString()), b.Select(s => s.Truth.ToJsonString()));
        Assert.NotEqual(a.Select(s => s.Messages[0].Content), c.Select(s => s.Messages[0].Content));
    }

    [Fact]
    public async Task EveryPromptFallsInItsTargetBin()
    {
        foreach (var s in await Samples(Request(3, Smoke)))
        {
            var target = int.Parse(s.Labels["bin"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            var tokens = O200kTokenizer.Shared.CountTokens(s.Messages[0].Content);
            Assert.InRange(tokens, target * 9 / 10, target);
            Assert.Equal(tokens, s.Labels["prompt_tokens_o200k"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task GraphsHaveMd5IdsConstantOutDegreeAndEdgesBySourceIndex()
    {
        foreach (var s in await Samples(Request(11, Smoke)))
        {
            var edges = EdgesOf(s.Messages[0].Content);
            var n = s.Labels["n_nodes"]!.GetValue<int>();
            var k = s.Labels["out_degree"]!.GetValue<int>();
            Assert.InRange(k, 1, 5);
            Assert.Equal(n * k, edges.Length);
            Assert.Equal(n * k, s.Labels["n_edges"]!.GetValue<int>());
            var ids = Enumerable.Range(0, n).Select(Md5Id).ToArray();
            for (var i = 0; i < edges.Length; i++)
            {
                Assert.Equal(ids[i / k], edges[i].Source);
                Assert.Contains(edges[i].Target, ids);
            }
        }
    }

    [Fact]
    public async Task AnswersMatchABruteForce()
    {
        var samples = await Samples(Request(5, [("token_targets", "2000,4000"), ("samples_per_target", "6"), ("depth", "1,2,3,4")]));
        var depths = new HashSet<int>();
        foreach (var s in samples)
        {
            var prompt = s.Messages[0].Content;
            var edges = EdgesOf(prompt);
            var opLine = prompt.Split("\n\n\nOperation:\n")[1].Split('\n')[0];
            string[] expected;
            if (s.Labels["problem_type"]!.GetValue<string>() == "parents")
            {
                var q = opLine["Find the parents of node ".Length..^1];
                expected = [.. edges.Where(e => e.Target == q && e.Source != q).Select(e => e.Source).Distinct().Order(StringComparer.Ordinal)];
            }
            else
            {
                var words = opLine.Split(' ');
                var start = words[5];
                var depth = int.Parse(words[14], System.Globalization.CultureInfo.InvariantCulture);
                depths.Add(depth);
                Assert.Equal(depth, s.Labels["depth"]!.GetValue<int>());
                expected = BruteForceExactDepth(edges, start, depth);
            }
            var truth = ((JsonArray)s.Truth["answer_nodes"]!).Select(x => x!.GetValue<string>()).ToArray();
            Assert.Equal(expected, truth);
            Assert.Equal(expected.Length, s.Labels["answer_size"]!.GetValue<int>());
        }
        Assert.True(depths.Count >= 3, "depths drawn from the list");
    }

    [Fact]
    public async Task OriginalVersionUsesTheOriginalWording()
    {
        foreach (var s in await Samples(Request(1, [("token_targets", "2000"), ("samples_per_target", "2"), ("prompt_version", "original")])))
        {
            Assert.Contains("You should immediately return the set of nodes", s.Messages[0].Content, StringComparison.Ordinal);
            Assert.Equal("original", s.Labels["prompt_version"]!.GetValue<string>());
            Assert.StartsWith("\nYou will be given a graph", s.Messages[0].Content, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("prompt_version", "newest")]
    [InlineData("problem_types", "bfs,dfs")]
    [InlineData("token_targets", "0")]
    [InlineData("out_degree", "x")]
    public async Task BadOptionsAreInputErrors(string key, string value)
    {
        var e = await Assert.ThrowsAsync<EvalInputException>(() => Samples(Request(1, (key, value))));
        Assert.Contains(key, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1000", "5")]
    [InlineData("1000", "1")]
    [InlineData("700", "2")]
    public async Task SmallTargetsStillFit(string target, string k)
    {
        foreach (var s in await Samples(Request(2, ("token_targets", target), ("out_degree", k), ("samples_per_target", "3"))))
        {
            var t = int.Parse(target, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(O200kTokenizer.Shared.CountTokens(s.Messages[0].Content), t * 9 / 10, t);
        }
    }

    [Fact]
    public async Task TooSmallTargetIsAnInputError() =>
        await Assert.ThrowsAsync<EvalInputException>(() => Samples(Request(1, ("token_targets", "300"))));

    [Fact]
    public async Task GroupsIdsAndLimit()
    {
        var s = await new GraphwalksEvaluator().GetSamples(
            new EvalRequest { Seed = 1, Limit = 3, Options = new Dictionary<string, string> { ["token_targets"] = "2000", ["samples_per_target"] = "2" } },
            TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["bfs-2000-000", "bfs-2000-001", "parents-2000-000"], s.Select(x => x.Id));
        Assert.Equal(["bfs;bin=2000", "bfs;bin=2000", "parents;bin=2000"], s.Select(x => x.Group));
        Assert.All(s, x => Assert.Equal(1024, x.MaxOutputTokens));
    }

    internal static (string Source, string Target)[] EdgesOf(string prompt)
    {
        const string header = "Here is the graph to operate on:\nThe graph has the following edges:\n";
        var start = prompt.IndexOf(header, StringComparison.Ordinal) + header.Length;
        var end = prompt.IndexOf("\n\n\nOperation:\n", start, StringComparison.Ordinal);
        return [.. prompt[start..end].Split('\n').Select(l => l.Split(" -> ")).Select(a => (a[0], a[1]))];
    }

    private static string Md5Id(int i) =>
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.ASCII.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture))))[..10];

    /// <summary>Shortest distances by Bellman-Ford relaxation (no queue), then the nodes at exactly that distance.</summary>
    private static string[] BruteForceExactDepth((string Source, string Target)[] edges, string start, int depth)
    {
        var dist = new Dictionary<string, int>(StringComparer.Ordinal) { [start] = 0 };
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (u, v) in edges)
            {
                if (dist.TryGetValue(u, out var du) && (!dist.TryGetValue(v, out var dv) || du + 1 < dv))
                {
                    dist[v] = du + 1;
                    changed = true;
                }
            }
        }
        return [.. dist.Where(p => p.Value == depth).Select(p => p.Key).Order(StringComparer.Ordinal)];
    }
}
