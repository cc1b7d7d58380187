namespace EvalHarness.Core.Evaluators;

/// <summary>
/// The option keys each eval reads (<c>-o eval.key=value</c>, suite options, <c>EvalOptions</c>), as its module's
/// <see cref="IEvalModule.Options"/> declare them. A key that no eval reads is refused with the nearest valid one.
/// </summary>
internal static class EvaluatorOptions
{
    /// <summary>The keys an eval reads (empty for an unknown eval).</summary>
    public static IReadOnlyList<string> For(string eval) =>
        EvalCatalog.Current.TryFind(eval)?.Options.Select(o => o.Name).ToList() ?? [];

    public static bool IsKnown(string eval, string key) => For(eval).Contains(key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Refuses a key the eval does not read, naming where it came from and the nearest valid key.</summary>
    public static void Validate(string eval, IEnumerable<string> keys, string source)
    {
        foreach (var key in keys)
        {
            if (!IsKnown(eval, key)) throw Unknown(eval, key, For(eval), source);
        }
    }

    public static EvalInputException Unknown(string eval, string key, IEnumerable<string> candidates, string source) =>
        OptionDescriptor.Unknown(eval, key, candidates, source);
}
