using EvalHarness.Core.Configuration;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Application;

/// <summary>
/// Evaluator options from their three layers: settings defaults (<c>EvalOptions</c>), the suite's options and the
/// command line's <c>-o [eval.]key=value</c> (later wins). The one place options are validated and merged.
/// </summary>
internal static class EvalOptionLayers
{
    /// <summary>
    /// Refuses <c>-o</c> keys no selected evaluator reads (<c>eval.key</c>: that evaluator; bare <c>key</c>: any of
    /// <paramref name="evals"/>), naming the nearest valid key, before anything is generated or sent.
    /// </summary>
    public static void Validate(IEnumerable<string> commandLine, IReadOnlyList<string> evals)
    {
        foreach (var item in commandLine)
        {
            var (prefix, key, _) = Parse(item);
            if (prefix is not null)
            {
                var eval = EvaluatorRegistry.Names.FirstOrDefault(n => string.Equals(n, prefix, StringComparison.OrdinalIgnoreCase))
                    ?? throw new EvalInputException($"--option '{item}': unknown eval '{prefix}'{EditDistance.Suggest(prefix, EvaluatorRegistry.Names)}");
                if (!EvaluatorOptions.IsKnown(eval, key)) throw EvaluatorOptions.Unknown(eval, key, EvaluatorOptions.For(eval), $"--option '{item}'");
            }
            else if (!evals.Any(e => EvaluatorOptions.IsKnown(e, key)))
            {
                var candidates = evals.SelectMany(EvaluatorOptions.For).ToList();
                throw new EvalInputException($"--option '{item}': no selected eval ({string.Join(", ", evals)}) reads '{key}'{EditDistance.Suggest(key, candidates)}");
            }
        }
    }

    /// <summary>The options of one eval: settings defaults, then the suite's, then the command line's (later wins).</summary>
    public static Dictionary<string, string> Merge(HarnessSettings settings, SuiteSettings? suite, string eval, IEnumerable<string> commandLine)
    {
        var suiteOptions = suite?.Evals.FirstOrDefault(e => string.Equals(e.Eval, eval, StringComparison.OrdinalIgnoreCase)).Options;
        return Merge(eval, [settings.EvalOptions.GetValueOrDefault(eval), suiteOptions], commandLine);
    }

    /// <summary>Merges option layers and the command-line options for one eval (later wins).</summary>
    public static Dictionary<string, string> Merge(string eval, IEnumerable<IReadOnlyDictionary<string, string>?> layers, IEnumerable<string> commandLine)
    {
        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var layer in layers)
        {
            if (layer is null) continue;
            foreach (var kv in layer) merged[kv.Key] = kv.Value;
        }
        foreach (var item in commandLine)
        {
            var (prefix, key, value) = Parse(item);
            if (prefix is not null && !string.Equals(prefix, eval, StringComparison.OrdinalIgnoreCase)) continue;
            if (prefix is null && !EvaluatorOptions.IsKnown(eval, key)) continue; // a bare key for another selected eval
            merged[key] = value;
        }
        return merged;
    }

    /// <summary>Splits <c>[eval.]key=value</c>: the eval prefix (null when absent), the key and the value.</summary>
    public static (string? Eval, string Key, string Value) Parse(string item)
    {
        var eq = item.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw new EvalInputException($"--option '{item}': expected [eval.]key=value");
        var key = item[..eq].Trim();
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? (key[..dot], key[(dot + 1)..], item[(eq + 1)..]) : (null, key, item[(eq + 1)..]);
    }
}
