using System.CommandLine;
using EvalHarness.Core.Evaluators;

namespace EvalHarness.Cli;

/// <summary>Options shared by several verbs, and parsing of <c>eval.key=value</c> evaluator options.</summary>
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

    /// <summary>
    /// Refuses <c>-o</c> keys no selected evaluator reads (<c>eval.key</c>: that evaluator; bare <c>key</c>: any of
    /// <paramref name="evals"/>), naming the nearest valid key, before anything is generated or sent.
    /// </summary>
    public static void ValidateEvalOptions(IEnumerable<string> commandLine, IReadOnlyList<string> evals)
    {
        foreach (var item in commandLine)
        {
            var (prefix, key, _) = ParseOption(item);
            if (prefix is not null)
            {
                var eval = EvaluatorRegistry.Names.FirstOrDefault(n => string.Equals(n, prefix, StringComparison.OrdinalIgnoreCase))
                    ?? throw new EvalInputException($"--option '{item}': unknown eval '{prefix}'{Core.Configuration.EditDistance.Suggest(prefix, EvaluatorRegistry.Names)}");
                if (!EvaluatorOptions.IsKnown(eval, key)) throw EvaluatorOptions.Unknown(eval, key, EvaluatorOptions.For(eval), $"--option '{item}'");
            }
            else if (!evals.Any(e => EvaluatorOptions.IsKnown(e, key)))
            {
                var candidates = evals.SelectMany(EvaluatorOptions.For).ToList();
                throw new EvalInputException($"--option '{item}': no selected eval ({string.Join(", ", evals)}) reads '{key}'{Core.Configuration.EditDistance.Suggest(key, candidates)}");
            }
        }
    }

    /// <summary>Merges settings defaults, suite options and command-line options for one eval (later wins).</summary>
    public static Dictionary<string, string> MergeOptions(string eval, IEnumerable<IReadOnlyDictionary<string, string>?> layers, IEnumerable<string> commandLine)
    {
        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var layer in layers)
        {
            if (layer is null) continue;
            foreach (var kv in layer) merged[kv.Key] = kv.Value;
        }
        foreach (var item in commandLine)
        {
            var (prefix, key, value) = ParseOption(item);
            if (prefix is not null && !string.Equals(prefix, eval, StringComparison.OrdinalIgnoreCase)) continue;
            merged[key] = value;
        }
        return merged;
    }

    /// <summary>Splits <c>[eval.]key=value</c>: the eval prefix (null when absent), the key and the value.</summary>
    private static (string? Eval, string Key, string Value) ParseOption(string item)
    {
        var eq = item.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw new EvalInputException($"--option '{item}': expected [eval.]key=value");
        var key = item[..eq].Trim();
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? (key[..dot], key[(dot + 1)..], item[(eq + 1)..]) : (null, key, item[(eq + 1)..]);
    }

    public static IReadOnlyList<string> SplitList(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
