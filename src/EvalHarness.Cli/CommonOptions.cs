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

    public static Option<int?> Seed() => new("--seed") { Description = "Seed for generated samples (default from settings: 42)" };

    public static Option<int?> Limit() => new("--limit") { Description = "At most this many samples per eval" };

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
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new EvalInputException($"--option '{item}': expected [eval.]key=value");
            var key = item[..eq].Trim();
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0)
            {
                if (!string.Equals(key[..dot], eval, StringComparison.OrdinalIgnoreCase)) continue;
                key = key[(dot + 1)..];
            }
            merged[key] = item[(eq + 1)..];
        }
        return merged;
    }

    public static IReadOnlyList<string> SplitList(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
