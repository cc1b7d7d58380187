using EvalHarness.Core.Configuration;

namespace EvalHarness.Core.Evaluators;

/// <summary>
/// The option keys each evaluator reads (<c>-o eval.key=value</c>, suite options, <c>EvalOptions</c>). A key that no
/// evaluator reads is refused with the nearest valid one instead of being silently ignored. An evaluator that starts
/// reading a new option must list it here.
/// </summary>
public static class EvaluatorOptions
{
    private static readonly Dictionary<string, string[]> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["niah"] =
        [
            "preset", "context_lengths", "depths", "depth_percents", "samples_per_cell", "task", "key_type", "value_type",
            "n_keys", "n_values", "n_queries", "haystack", "haystack_dir", "multi_needle_spread", "max_output_tokens",
            "template_file", "temperature",
        ],
        ["mrcr"] = ["source", "n_needles", "bins", "max_context_tokens", "rows_per_bin", "samples_per_bin", "max_output_tokens", "dataset_version"],
        ["graphwalks"] =
        [
            "source", "prompt_version", "problem_types", "token_targets", "samples_per_target", "out_degree", "depth",
            "max_output_tokens", "rows_per_split", "count_tokens",
        ],
        ["ifeval"] = ["source", "nltk_data", "langdetect_profiles", "max_output_tokens"],
    };

    /// <summary>The keys an evaluator reads (empty for an unknown evaluator).</summary>
    public static IReadOnlyList<string> For(string eval) => Known.TryGetValue(eval, out var keys) ? keys : [];

    public static bool IsKnown(string eval, string key) => For(eval).Contains(key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Refuses a key the evaluator does not read, naming where it came from and the nearest valid key.</summary>
    public static void Validate(string eval, IEnumerable<string> keys, string source)
    {
        foreach (var key in keys)
        {
            if (!IsKnown(eval, key)) throw Unknown(eval, key, For(eval), source);
        }
    }

    public static EvalInputException Unknown(string eval, string key, IEnumerable<string> candidates, string source) =>
        new($"{source}: unknown {eval} option '{key}'{EditDistance.Suggest(key, candidates)}");
}
