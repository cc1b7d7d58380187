using System.Text.Json.Nodes;
using EvalHarness.Core.Models;
using Microsoft.Extensions.Configuration;

namespace EvalHarness.Core.Models;

/// <summary>
/// Masks secrets by value, whatever the variable holding them is called: every API key a model's <c>ApiKeyRef</c>
/// resolves to (environment, user secrets, settings files, <c>--set</c>), and the value of every setting whose name
/// looks secret (key, secret, token, password). Applied to everything that leaves the process: manifest, error
/// messages (journal, CSVs, report), console. The names (<c>ApiKeyRef</c>) stay visible.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    /// <summary>Shorter values are not masked: they would mask ordinary words (real API keys are 20+ characters).</summary>
    public const int MinimumLength = 8;

    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string?> secrets)
    {
        // Longest first, so a key that contains another key is masked whole.
        _secrets = secrets.Where(s => s is not null).Select(s => s!.Trim()).Where(s => s.Length >= MinimumLength)
            .Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal).ToArray();
    }

    public static SecretRedactor None { get; } = new([]);

    public int Count => _secrets.Length;

    /// <summary>
    /// The secrets of a configuration: the value behind each model's ApiKeyRef (and the default OPENAI_API_KEY) in the
    /// environment and in the configuration, plus every configuration value whose key looks secret.
    /// </summary>
    public static SecretRedactor FromConfiguration(IConfiguration config, IEnumerable<ModelSettings> models)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "OPENAI_API_KEY" };
        foreach (var m in models)
        {
            if (!string.IsNullOrWhiteSpace(m.ApiKeyRef) && !string.Equals(m.ApiKeyRef, "none", StringComparison.OrdinalIgnoreCase)) names.Add(m.ApiKeyRef.Trim());
        }
        // ApiKeyRef values set anywhere in the configuration, also for models not bound (yet).
        foreach (var (key, value) in config.AsEnumerable())
        {
            if (value is not null && key.EndsWith(":ApiKeyRef", StringComparison.OrdinalIgnoreCase) && !string.Equals(value, "none", StringComparison.OrdinalIgnoreCase)) names.Add(value.Trim());
        }
        var secrets = new List<string?>();
        foreach (var name in names)
        {
            secrets.Add(Environment.GetEnvironmentVariable(name));
            secrets.Add(config[name]);
        }
        foreach (var (key, value) in config.AsEnumerable())
        {
            var leaf = key[(key.LastIndexOf(':') + 1)..];
            if (value is not null && LooksSecret(leaf)) secrets.Add(value);
        }
        return new SecretRedactor(secrets);
    }

    /// <summary>A setting name that holds a secret value (not one that names where the secret is, like ApiKeyRef).</summary>
    public static bool LooksSecret(string key) =>
        !key.EndsWith("Ref", StringComparison.OrdinalIgnoreCase)
        && (key.Contains("key", StringComparison.OrdinalIgnoreCase)
            || key.Contains("secret", StringComparison.OrdinalIgnoreCase)
            // HF_TOKEN, AccessToken, api_token; not counts or options about tokens (max_tokens, token_targets).
            || key.EndsWith("token", StringComparison.OrdinalIgnoreCase)
            || key.Contains("password", StringComparison.OrdinalIgnoreCase));

    public bool ContainsSecret(string? text) =>
        !string.IsNullOrEmpty(text) && _secrets.Any(s => text.Contains(s, StringComparison.Ordinal));

    public string Redact(string text)
    {
        if (_secrets.Length == 0 || string.IsNullOrEmpty(text)) return text;
        foreach (var s in _secrets)
        {
            if (text.Contains(s, StringComparison.Ordinal)) text = text.Replace(s, Mask, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>A copy of <paramref name="node"/> with every string value (and property name) redacted.</summary>
    public JsonNode? Redact(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (k, v) in obj) copy[Redact(k)] = Redact(v);
                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(Redact).ToArray());
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(Redact(text));
            default:
                return node.DeepClone();
        }
    }
}
