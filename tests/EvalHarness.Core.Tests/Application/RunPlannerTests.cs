using EvalHarness.Core.Application;
using EvalHarness.Core.Configuration;
using EvalHarness.Core.Evaluators;

namespace EvalHarness.Core.Tests.Application;

/// <summary>Settings + suite + command line merged once, for a run and for <c>prompts</c> alike.</summary>
public sealed class RunPlannerTests
{
    private static readonly HarnessSettings Settings = new()
    {
        Seed = 9,
        EvalOptions = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["niah"] = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["context_lengths"] = "1000", ["depths"] = "0" },
        },
        Suites = new Dictionary<string, SuiteSettings>
        {
            ["default"] = new()
            {
                Name = "default",
                Models = ["sim-oracle"],
                Evals = [("niah", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["depths"] = "50", ["samples_per_cell"] = "2" })],
            },
        },
    };

    [Fact]
    public void LaterLayersWinAndPromptsPlansTheSameOptions()
    {
        var plan = RunPlanner.Plan(Settings, new RunPlanRequest { Options = ["niah.samples_per_cell=3"], Limit = 2 });

        var (_, request) = Assert.Single(plan.Evals);
        Assert.Equal("1000", request.Options["context_lengths"]); // settings
        Assert.Equal("50", request.Options["depths"]); // suite over settings
        Assert.Equal("3", request.Options["samples_per_cell"]); // command line over suite
        Assert.Equal((9, 2), (request.Seed, request.Limit));
        Assert.Equal(["sim-oracle"], plan.Models.Select(m => m.Name));

        var (_, prompts) = RunPlanner.PlanEval(Settings, "niah", null, null, 2, ["niah.samples_per_cell=3"]);
        Assert.Equal(request.Options.OrderBy(kv => kv.Key), prompts.Options.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void UnknownSuiteModelAndOptionKeyAreOneLineInputErrors()
    {
        Assert.StartsWith("unknown suite 'nightly'", Assert.Throws<EvalInputException>(() => RunPlanner.Plan(Settings, new RunPlanRequest { Suite = "nightly" })).Message, StringComparison.Ordinal);
        Assert.StartsWith("unknown model 'gpt-x'", Assert.Throws<EvalInputException>(() => RunPlanner.Plan(Settings, new RunPlanRequest { Models = ["gpt-x"] })).Message, StringComparison.Ordinal);
        var ex = Assert.Throws<EvalInputException>(() => RunPlanner.Plan(Settings, new RunPlanRequest { Options = ["niah.deptsh=1"] }));
        Assert.StartsWith("--option 'niah.deptsh=1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("depths", ex.Message, StringComparison.Ordinal);
    }
}
