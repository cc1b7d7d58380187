using EvalHarness.Core.Text;

namespace EvalHarness.Core.Evaluators;

/// <summary>What kind of value an eval option takes (shown by <c>evalharness list --columns</c>, checked on parse).</summary>
public enum OptionType
{
    Text,
    Integer,
    Number,
    Boolean,

    /// <summary>Comma-separated values.</summary>
    List,

    /// <summary>A file or folder path (or a keyword the description names).</summary>
    Path,
}

/// <summary>One option an eval reads (<c>-o eval.key=value</c>, suite options, <c>EvalOptions</c>): name, type, default, meaning.</summary>
public sealed record OptionDescriptor(string Name, OptionType Type, string Default, string Description)
{
    /// <summary>
    /// Refuses a key no descriptor names, naming where it came from and the nearest valid key (one line; the CLI exits 2). Values are checked by the eval's own parser.
    /// </summary>
    public static void Validate(string eval, IReadOnlyList<OptionDescriptor> known, IEnumerable<string> keys, string source)
    {
        foreach (var key in keys)
        {
            if (!known.Any(o => string.Equals(o.Name, key, StringComparison.OrdinalIgnoreCase)))
                throw Unknown(eval, key, known.Select(o => o.Name), source);
        }
    }

    public static EvalInputException Unknown(string eval, string key, IEnumerable<string> candidates, string source) =>
        new($"{source}: unknown {eval} option '{key}'{EditDistance.Suggest(key, candidates)}");
}
