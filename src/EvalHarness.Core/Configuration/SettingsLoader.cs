using System.Text.Json;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;
using Microsoft.Extensions.Configuration;

namespace EvalHarness.Core.Configuration;

/// <summary>
/// Layers, lowest first: the shipped evalsettings.json beside the binary, ./evalsettings.json, --config FILE,
/// user secrets, environment (OPENAI_API_KEY, OPENAI_BASE_URL, EVALHARNESS__Section__Key), command-line overrides
/// (--set Key=Value). Errors are <see cref="EvalInputException"/> with one line naming the file, line and field.
/// </summary>
public static class SettingsLoader
{
    public const string FileName = "evalsettings.json";
    public const string OpenAIBaseUrl = "https://api.openai.com/v1";

    /// <param name="sections">Extra typed sections whose keys are known (e.g. <c>Simulator</c>); every other unknown key is
    /// refused with the nearest valid one (<see cref="SettingsSchema"/>).</param>
    public static IConfigurationRoot Build(
        string? configFile,
        IReadOnlyDictionary<string, string?> overrides,
        System.Reflection.Assembly? userSecretsAssembly = null,
        IReadOnlyDictionary<string, Type>? sections = null)
    {
        var builder = new ConfigurationBuilder();
        var shipped = Path.Combine(AppContext.BaseDirectory, FileName);
        AddJson(builder, shipped, optional: true);
        var local = Path.GetFullPath(FileName);
        if (!string.Equals(local, shipped, StringComparison.Ordinal)) AddJson(builder, local, optional: true);
        if (configFile is not null)
        {
            if (!File.Exists(configFile)) throw new EvalInputException($"{configFile}: settings file not found");
            AddJson(builder, Path.GetFullPath(configFile), optional: false);
        }
        var secretsIndex = -1;
        if (userSecretsAssembly is not null)
        {
            secretsIndex = builder.Sources.Count;
            builder.AddUserSecrets(userSecretsAssembly, optional: true);
        }
        builder.AddEnvironmentVariables("EVALHARNESS__");
        builder.AddInMemoryCollection(overrides);
        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException)
        {
            throw new EvalInputException(DescribeJsonError(ex));
        }
        // User secrets hold API keys under any name: not checked. Model ApiKeyRef names are free top-level keys.
        var secrets = secretsIndex >= 0 ? root.Providers.ElementAtOrDefault(secretsIndex) : null;
        var keyNames = root.GetSection("Models").GetChildren().Select(m => m["ApiKeyRef"]).OfType<string>();
        SettingsSchema.Create(sections).Validate(root, keyNames, p => ReferenceEquals(p, secrets));
        return root;
    }

    private static void AddJson(ConfigurationBuilder builder, string path, bool optional)
    {
        if (!File.Exists(path))
        {
            if (!optional) throw new EvalInputException($"{path}: settings file not found");
            return;
        }
        // Validate first so the error names the file, line and position (the provider's own message does not).
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new EvalInputException($"{path}:{(ex.LineNumber ?? 0) + 1}: malformed JSON at position {(ex.BytePositionInLine ?? 0) + 1}");
        }
        builder.AddJsonFile(path, optional: false, reloadOnChange: false);
    }

    private static string DescribeJsonError(Exception ex) => "settings: " + ex.Message.ReplaceLineEndings(" ");

    public static HarnessSettings Bind(IConfiguration config)
    {
        var models = new Dictionary<string, ModelSettings>(StringComparer.Ordinal);
        foreach (var section in config.GetSection("Models").GetChildren())
        {
            ModelSettings model;
            try
            {
                model = section.Get<ModelSettings>() ?? new ModelSettings();
            }
            catch (InvalidOperationException ex)
            {
                throw BindError(ex);
            }
            model.Name = section.Key;
            Validate(model);
            models[section.Key] = model;
        }

        var suites = new Dictionary<string, SuiteSettings>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in config.GetSection("Suites").GetChildren())
        {
            var evals = section.GetSection("Evals").GetChildren()
                .Select(e => (e.Key, (IReadOnlyDictionary<string, string>)Options(e)))
                .ToList();
            suites[section.Key] = new SuiteSettings
            {
                Name = section.Key,
                Description = section["Description"] ?? "",
                Models = section.GetSection("Models").GetChildren().Select(c => c.Value ?? "").Where(v => v.Length > 0).ToList(),
                Evals = evals,
            };
        }

        var evalOptions = config.GetSection("EvalOptions").GetChildren()
            .ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, string>)Options(e), StringComparer.OrdinalIgnoreCase);

        var engine = new EngineSettings();
        BindSection(config.GetSection("Engine"), engine);
        if (!(engine.RateLimitWindowSeconds > 0) || double.IsInfinity(engine.RateLimitWindowSeconds))
            throw new EvalInputException("settings: Engine:RateLimitWindowSeconds must be a number > 0");
        return new HarnessSettings
        {
            Seed = ParseInt(config, "Seed", 42),
            ResultsDir = config["ResultsDir"] ?? "results",
            DefaultSuite = config["DefaultSuite"] ?? "default",
            Models = models,
            Suites = suites,
            Engine = engine,
            EvalOptions = evalOptions,
        };
    }

    /// <summary>Binds a section; a value of the wrong kind is a one-line input error naming the key (no .NET type names).</summary>
    public static void BindSection(IConfigurationSection section, object target)
    {
        try
        {
            section.Bind(target);
        }
        catch (InvalidOperationException ex)
        {
            throw BindError(ex);
        }
    }

    private static EvalInputException BindError(InvalidOperationException ex)
    {
        var match = System.Text.RegularExpressions.Regex.Match(ex.Message, "value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'");
        if (!match.Success) return new EvalInputException("settings: " + ex.Message.ReplaceLineEndings(" "));
        var type = match.Groups["type"].Value;
        var expected = type.Contains("Int", StringComparison.Ordinal) ? "an integer"
            : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) ? "a number"
            : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
            : "a valid value";
        return new EvalInputException($"settings: '{match.Groups["key"].Value}' = '{match.Groups["value"].Value}' is not {expected}");
    }

    private static Dictionary<string, string> Options(IConfigurationSection section) =>
        section.GetChildren().Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value!, StringComparer.OrdinalIgnoreCase);

    private static int ParseInt(IConfiguration config, string key, int fallback)
    {
        var text = config[key];
        if (text is null) return fallback;
        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new EvalInputException($"settings: '{key}' = '{text}' is not an integer");
    }

    private static void Validate(ModelSettings m)
    {
        if (m.Concurrency < 1) throw new EvalInputException($"settings: Models:{m.Name}:Concurrency must be >= 1");
        if (m.TimeoutSeconds <= 0) throw new EvalInputException($"settings: Models:{m.Name}:TimeoutSeconds must be > 0");
        if (m.MaxOutputTokens is < 1) throw new EvalInputException($"settings: Models:{m.Name}:MaxOutputTokens must be >= 1");
        if (m.ReasoningHeadroomTokens < 0) throw new EvalInputException($"settings: Models:{m.Name}:ReasoningHeadroomTokens must be >= 0");
        if (m.MaxRetries < 0) throw new EvalInputException($"settings: Models:{m.Name}:MaxRetries must be >= 0");
        if (m.Rpm is < 1) throw new EvalInputException($"settings: Models:{m.Name}:Rpm must be >= 1");
        if (m.Tpm is < 1) throw new EvalInputException($"settings: Models:{m.Name}:Tpm must be >= 1");
        ModelLifecycle.ConfiguredShutdown(m);
    }

    /// <summary>The endpoint of a non-simulator model: its BaseUrl, or OPENAI_BASE_URL / api.openai.com for "openai".</summary>
    public static Uri ResolveBaseUrl(ModelSettings model, IConfiguration config)
    {
        var text = string.IsNullOrWhiteSpace(model.BaseUrl) || string.Equals(model.BaseUrl, "openai", StringComparison.OrdinalIgnoreCase)
            ? config["OPENAI_BASE_URL"] ?? Environment.GetEnvironmentVariable("OPENAI_BASE_URL") ?? OpenAIBaseUrl
            : model.BaseUrl;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new EvalInputException($"settings: Models:{model.Name}:BaseUrl '{text}' is not an http(s) URL");
    }

    /// <summary>The API key named by the model's ApiKeyRef (environment first, then configuration incl. user secrets).</summary>
    public static string ResolveApiKey(ModelSettings model, IConfiguration config)
    {
        var name = string.IsNullOrWhiteSpace(model.ApiKeyRef) ? "OPENAI_API_KEY" : model.ApiKeyRef;
        if (string.Equals(name, "none", StringComparison.OrdinalIgnoreCase)) return "no-key";
        var key = Environment.GetEnvironmentVariable(name) ?? config[name];
        return string.IsNullOrWhiteSpace(key)
            ? throw new EvalInputException($"model '{model.Name}' needs an API key: set the environment variable {name} (or a user secret of that name)")
            : key;
    }
}
