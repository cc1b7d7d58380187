using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Mrcr;

namespace EvalHarness.Core.Tests.Evaluators.Mrcr;

public sealed class MrcrEvaluatorTests
{
    internal static EvalRequest Request(int seed = 42, int? limit = null, params (string Key, string Value)[] options)
    {
        var dict = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in options) dict[k] = v;
        return new EvalRequest { Seed = seed, Limit = limit, Options = dict };
    }

    internal static async Task<List<EvalSample>> Collect(EvalRequest request)
    {
        var list = new List<EvalSample>();
        await foreach (var s in new MrcrEvaluator().GetSamples(request, TestContext.Current.CancellationToken)) list.Add(s);
        return list;
    }

    [Fact]
    public async Task GeneratedSamplesCarryLabelsGroupAndTruth()
    {
        var samples = await Collect(Request(options: [("n_needles", "2,4"), ("bins", "4096-8192,16384"), ("rows_per_bin", "2")]));
        Assert.Equal(8, samples.Count);
        Assert.Equal(
            ["n=2;bin=4096-8192", "n=2;bin=4096-8192", "n=2;bin=8192-16384", "n=2;bin=8192-16384",
             "n=4;bin=4096-8192", "n=4;bin=4096-8192", "n=4;bin=8192-16384", "n=4;bin=8192-16384"],
            samples.Select(s => s.Group));
        Assert.Equal(samples.Count, samples.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count());

        var evaluator = new MrcrEvaluator();
        foreach (var s in samples)
        {
            Assert.Equal("mrcr", s.Eval);
            Assert.Equal(2048, s.MaxOutputTokens);
            foreach (var column in new MrcrModule().Columns.Take(10).Select(c => c.SourceKey)) Assert.True(s.Labels.ContainsKey(column), column);
            Assert.Equal(["answer", "random_string_to_prepend"], s.Truth.Select(p => p.Key));
            var hash = s.Truth["random_string_to_prepend"]!.GetValue<string>();
            var answer = s.Truth["answer"]!.GetValue<string>();
            var desired = s.Labels["desired_msg_index"]!.GetValue<int>();
            Assert.Equal(hash + s.Messages[desired + 1].Content, answer);
            Assert.Equal(s.Messages.Count, s.Labels["total_messages"]!.GetValue<int>());
            Assert.Equal("generated", s.Labels["dataset_version"]!.GetValue<string>());
            var lo = s.Labels["bin_lo"]!.GetValue<int>();
            var hi = s.Labels["bin_hi"]!.GetValue<int>();
            var tokens = s.Labels["context_tokens"]!.GetValue<long>();
            Assert.InRange(tokens, lo, hi);

            var perfect = evaluator.Score(s, answer);
            Assert.Equal(1.0, perfect.Score);
            Assert.True(perfect.Passed);
            Assert.Equal("1", perfect.Columns["score_lenient"]);
            Assert.Equal("true", perfect.Columns["prefix_ok"]);
            Assert.Equal(answer.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), perfect.Columns["response_chars"]);

            var spaced = evaluator.Score(s, " " + answer);
            Assert.Equal(0.0, spaced.Score);
            Assert.False(spaced.Passed);
            Assert.Equal("1", spaced.Columns["score_lenient"]);
            Assert.Equal("false", spaced.Columns["prefix_ok"]);
        }
    }

    [Fact]
    public async Task SameSeedSameSamplesAndFilteringDoesNotShiftOthers()
    {
        var all = await Collect(Request(seed: 5, options: [("bins", "8192"), ("rows_per_bin", "1")]));
        var again = await Collect(Request(seed: 5, options: [("bins", "8192"), ("rows_per_bin", "1")]));
        var only4 = await Collect(Request(seed: 5, options: [("bins", "8192"), ("rows_per_bin", "1"), ("n_needles", "4")]));
        Assert.Equal(3, all.Count);
        Assert.Equal(all.Select(s => s.Messages), again.Select(s => s.Messages));
        Assert.Equal(all[1].Messages, only4.Single().Messages);
        Assert.Equal(all[1].Id, only4.Single().Id);
        var other = await Collect(Request(seed: 6, options: [("bins", "8192"), ("rows_per_bin", "1")]));
        Assert.NotEqual(all[0].Truth["answer"]!.GetValue<string>(), other[0].Truth["answer"]!.GetValue<string>());
    }

    [Fact]
    public async Task LimitAndMaxContextApply()
    {
        var limited = await Collect(Request(limit: 2, options: [("bins", "all")]));
        Assert.Equal(2, limited.Count);

        var capped = await Collect(Request(options: [("n_needles", "2"), ("max_context_tokens", "12000"), ("rows_per_bin", "3")]));
        Assert.Equal(["n=2;bin=4096-8192", "n=2;bin=4096-8192", "n=2;bin=4096-8192", "n=2;bin=8192-16384", "n=2;bin=8192-16384", "n=2;bin=8192-16384"],
            capped.Select(s => s.Group));
        Assert.All(capped, s => Assert.True(s.Labels["context_tokens"]!.GetValue<long>() <= 12000));
    }

    [Theory]
    [InlineData("n_needles", "3")]
    [InlineData("bins", "1000-2000")]
    [InlineData("bins", "x")]
    [InlineData("rows_per_bin", "0")]
    [InlineData("max_context_tokens", "100")]
    [InlineData("source", "/nonexistent/mrcr")]
    public async Task BadOptionsAreInputErrorsNamingTheOption(string key, string value)
    {
        var error = await Assert.ThrowsAsync<EvalInputException>(() => Collect(Request(options: [(key, value)])));
        Assert.Contains(key == "source" ? "/nonexistent/mrcr" : key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreColumnsUseInvariantFormatting()
    {
        var sample = new EvalSample
        {
            Id = "x", Eval = "mrcr", Group = "n=2;bin=4096-8192", Messages = [],
            Truth = new JsonObject { ["answer"] = "HASH123456abcx", ["random_string_to_prepend"] = "HASH123456" },
        };
        var score = new MrcrEvaluator().Score(sample, "HASH123456abcd");
        Assert.Equal(0.75, score.Score);
        Assert.False(score.Passed);
        Assert.Equal("0.75", score.Columns["score_lenient"]);
    }
}
