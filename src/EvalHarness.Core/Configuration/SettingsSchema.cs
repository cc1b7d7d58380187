using System.Collections;
using System.Reflection;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Configuration;

/// <summary>
/// The settings keys the harness reads, derived from the settings types by reflection (a new property of
/// <see cref="ModelSettings"/>, <see cref="EngineSettings"/> or a registered section type is known at once). Model names
/// under <c>Models</c>, <c>Prices</c> and <c>Simulator:Models</c>, suite names and API-key variable names are free keys;
/// their sub-keys are checked. Keys read straight from configuration (not through a type) are listed here by hand.
/// </summary>
internal sealed class SettingsSchema
{
    private readonly Dictionary<string, SettingsSchema> _children = new(StringComparer.OrdinalIgnoreCase);
    private SettingsSchema? _any;

    /// <summary>Top-level keys not bound to a type: plain values, plus sections read key by key.</summary>
    private static readonly string[] TopLevelValues = ["Seed", "ResultsDir", "DefaultSuite", "OPENAI_BASE_URL", "OPENAI_API_KEY"];

    public static SettingsSchema Create(IReadOnlyDictionary<string, Type>? sections = null)
    {
        var root = new SettingsSchema();
        foreach (var key in TopLevelValues) root._children[key] = new SettingsSchema();
        root._children["Models"] = new SettingsSchema { _any = FromType(typeof(ModelSettings)) };
        root._children["Engine"] = FromType(typeof(EngineSettings));
        root._children["Budget"] = Leaves("MaxUsdPerRun");
        root._children["Prices"] = new SettingsSchema { _any = Leaves(PriceKeys()) };
        var evals = new SettingsSchema();
        foreach (var eval in EvaluatorRegistry.Names) evals._children[eval] = Leaves([.. EvaluatorOptions.For(eval)]);
        root._children["EvalOptions"] = evals;
        var suite = Leaves("Description");
        suite._children["Models"] = new SettingsSchema { _any = new SettingsSchema() };
        suite._children["Evals"] = evals;
        var gate = FromType(typeof(Reporting.Gate.GateSettings));
        suite._children[Reporting.Gate.GateSettings.SectionName] = gate;
        root._children[Reporting.Gate.GateSettings.SectionName] = gate;
        root._children["Suites"] = new SettingsSchema { _any = suite };
        root._children[History.HistorySettings.SectionName] = FromType(typeof(History.HistorySettings));
        root._children[Caching.CacheSettings.SectionName] = FromType(typeof(Caching.CacheSettings));
        root._children[Running.Batch.BatchSettings.SectionName] = FromType(typeof(Running.Batch.BatchSettings));
        foreach (var (name, type) in sections ?? new Dictionary<string, Type>()) root._children[name] = FromType(type);
        return root;
    }

    private static string[] PriceKeys() =>
        typeof(Reporting.Pricing.ModelPrice).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null && p.Name != "Model").Select(p => p.Name).ToArray();

    private static SettingsSchema Leaves(params string[] keys)
    {
        var node = new SettingsSchema();
        foreach (var k in keys) node._children[k] = new SettingsSchema();
        return node;
    }

    private static SettingsSchema FromType(Type type)
    {
        var node = new SettingsSchema();
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri))
            return node;
        var dictionary = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)));
        if (dictionary is not null)
        {
            node._any = FromType(dictionary.GetGenericArguments()[1]);
            return node;
        }
        if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().FirstOrDefault() ?? typeof(string);
            node._any = FromType(element);
            return node;
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0) node._children[p.Name] = FromType(p.PropertyType);
        }
        return node;
    }

    /// <summary>
    /// Refuses a key that no setting reads, in every configuration source but the user-secrets store (which holds
    /// API keys under any name). <paramref name="freeTopLevel"/> are extra allowed top-level keys (API-key variables).
    /// </summary>
    public void Validate(IConfigurationRoot root, IEnumerable<string> freeTopLevel, Func<IConfigurationProvider, bool>? skip = null)
    {
        var free = new HashSet<string>(freeTopLevel, StringComparer.OrdinalIgnoreCase);
        foreach (var provider in root.Providers)
        {
            if (skip?.Invoke(provider) == true) continue;
            Walk(provider, this, null, free);
        }
    }

    private static void Walk(IConfigurationProvider provider, SettingsSchema node, string? path, HashSet<string> freeTopLevel)
    {
        foreach (var key in provider.GetChildKeys([], path).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var full = path is null ? key : path + ":" + key;
            SettingsSchema? child;
            if (node._any is not null) child = node._any;
            else if (!node._children.TryGetValue(key, out child))
            {
                if (path is null && freeTopLevel.Contains(key)) continue;
                throw new EvalInputException($"{Describe(provider, full)}: unknown setting '{full}'{EditDistance.Suggest(key, node._children.Keys)}");
            }
            if (child._any is not null || child._children.Count > 0) Walk(provider, child, full, freeTopLevel);
        }
    }

    private static string Describe(IConfigurationProvider provider, string key) => provider switch
    {
        JsonConfigurationProvider json => json.Source.FileProvider?.GetFileInfo(json.Source.Path ?? "").PhysicalPath ?? json.Source.Path ?? "settings",
        EnvironmentVariablesConfigurationProvider => "environment variable EVALHARNESS__" + key.Replace(":", "__", StringComparison.Ordinal),
        MemoryConfigurationProvider => "--set " + key,
        _ => "settings",
    };
}
