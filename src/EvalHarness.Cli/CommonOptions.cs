using System.CommandLine;
using EvalHarness.Core.Evaluators;

namespace EvalHarness.Cli;

/// <summary>Options shared by several verbs (their values are merged and validated in Core: EvalOptionLayers).</summary>
internal static class CommonOptions
{
    public static Option<string?> Config() => new("--config") { Description = "Extra settings file layered over evalsettings.json" };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a setting, e.g. --set Models:gpt-4.1:Concurrency=4 (repeatable)",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> EvalOption() => new("--option", "-o")
    {
        Description = "Evaluator option as [eval.]key=value, e.g. -o niah.preset=gpt41 -o context_lengths=1000,8000 (repeatable)",
    };

    /// <summary>One eval (<c>--eval</c>, also accepted as <c>--evals</c>), required; the choices are listed in help.</summary>
    public static Option<string> Eval(string description) => new("--eval", "--evals")
    {
        Description = description,
        HelpName = string.Join('|', EvaluatorRegistry.Names),
        Required = true,
    };

    /// <summary>Comma-separated evals (<c>--evals</c>, also accepted as <c>--eval</c>); the choices are listed in help.</summary>
    public static Option<string?> Evals(string description) => new("--evals", "--eval")
    {
        Description = description,
        HelpName = string.Join('|', EvaluatorRegistry.Names) + ",...",
    };

    /// <summary>Comma-separated models (<c>--models</c>, also accepted as <c>--model</c>).</summary>
    public static Option<string?> Models(string description) => new("--models", "--model") { Description = description, HelpName = "model,..." };

    public static Option<int?> Seed() => new("--seed") { Description = "Seed for generated samples (default from settings: 42)" };

    public static Option<int?> Limit()
    {
        var limit = new Option<int?>("--limit") { Description = "At most this many samples per eval (>= 1)" };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 and var n) result.AddError($"--limit {n}: must be at least 1");
        });
        return limit;
    }

    public static IReadOnlyList<string> SplitList(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
