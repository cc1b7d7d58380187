namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>
/// Where the third-party models live (configuration keys <c>nltk_data</c> and <c>langdetect_profiles</c>). Either may
/// be null: the environment variables <c>NLTK_DATA</c> / <c>LANGDETECT_PROFILES</c> are tried next, then the
/// built-in approximations are used.
/// </summary>
public sealed record IfEvalOptions(string? NltkData = null, string? LangdetectProfiles = null)
{
    /// <summary>Reads <c>nltk_data</c> and <c>langdetect_profiles</c> (case-insensitive) from configuration values.</summary>
    public static IfEvalOptions From(IReadOnlyDictionary<string, string> values)
    {
        string? Get(string name) =>
            values.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } v ? v : null;
        return new IfEvalOptions(Get("nltk_data"), Get("langdetect_profiles"));
    }
}
