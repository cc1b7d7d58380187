using EvalHarness.Core.Evaluators.IfEval;

namespace EvalHarness.Core.Tests.Evaluators.IfEval;

/// <summary>The project's own prompt set (datasets/ifeval/prompts.jsonl) is complete and well-formed.</summary>
public sealed class BuiltinPromptSetTests
{
    private static readonly IReadOnlyList<IfEvalPrompt> Prompts = IfEvalBuiltinPrompts.Load();

    [Fact]
    public void HasAtLeast120PromptsWithUniqueKeysFrom100001()
    {
        Assert.True(Prompts.Count >= 120, $"{Prompts.Count} prompts");
        Assert.Equal(Prompts.Count, Prompts.Select(p => p.Key).Distinct().Count());
        Assert.All(Prompts, p => Assert.True(p.Key >= 100001));
        Assert.Equal(Prompts.Count, Prompts.Select(p => p.Prompt).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void CoversEveryRegisteredIdSeveralTimes()
    {
        var counts = Prompts.SelectMany(p => p.InstructionIds).GroupBy(id => id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.Equal(IfEvalRegistry.Ids.Order(StringComparer.Ordinal), counts.Keys.Order(StringComparer.Ordinal));
        Assert.All(counts, c => Assert.True(c.Value >= 5, $"{c.Key}: {c.Value}"));
    }

    [Fact]
    public void EveryKwargsObjectBuilds()
    {
        var scorer = new IfEvalScorer(new FakeTools());
        Assert.All(Prompts, p => Assert.Equal(p.InstructionIds.Count, scorer.Build(p).Count));
    }

    [Fact]
    public void KwargsVaryAcrossRelationsAndValues()
    {
        var relations = Prompts.SelectMany(p => p.Kwargs).Where(k => k is not null)
            .SelectMany(k => k!).Where(kv => kv.Key.EndsWith("relation", StringComparison.Ordinal))
            .Select(kv => kv.Value!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(["at least", "less than"], relations.Order(StringComparer.Ordinal));
        var markers = Prompts.SelectMany(p => p.Kwargs).Where(k => k?["postscript_marker"] is not null)
            .Select(k => k!["postscript_marker"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(["P.P.S", "P.S."], markers.Order(StringComparer.Ordinal));
    }
}
