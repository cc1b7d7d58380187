using System.Text.Json;

namespace EvalHarness.Core.Evaluators.Niah;

/// <summary>
/// The prompt wording. Placeholders: <c>{type}</c> (e.g. "number"), <c>{types}</c> (plural), <c>{key}</c>,
/// <c>{keys}</c> (queried keys as "a, b and c"), <c>{value}</c>. The message is <c>{intro}\n{context}\n{question}</c>.
/// A user template file (JSON with any of these property names) replaces the built-in strings it names.
/// </summary>
public sealed record NiahTemplate
{
    public string IntroSingular { get; init; } =
        "A special {type} is hidden in the text below. Read the text carefully and remember it; a question about it follows the text.";

    public string IntroPlural { get; init; } =
        "Special {types} are hidden in the text below. Read the text carefully and remember them; a question about them follows the text.";

    public string Needle { get; init; } = "One of the special {types} for {key} is: {value}.";

    /// <summary>One queried key with one value.</summary>
    public string QuestionOne { get; init; } =
        "Question: What is the special {type} for {key} mentioned in the text above? Answer with the {type} only.";

    /// <summary>One queried key with several values.</summary>
    public string QuestionAll { get; init; } =
        "Question: What are all the special {types} for {key} mentioned in the text above? Answer with the {types} only.";

    /// <summary>Several queried keys.</summary>
    public string QuestionMany { get; init; } =
        "Question: What are the special {types} for {keys} mentioned in the text above? Answer with the {types} only.";

    public static NiahTemplate BuiltIn { get; } = new();

    /// <summary>Loads a JSON template file; absent properties keep the built-in wording.</summary>
    public static NiahTemplate Load(string path)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new EvalInputException($"niah template_file '{path}': {e.Message}", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new EvalInputException($"niah template_file '{path}': expected a JSON object");
            var t = BuiltIn;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String)
                    throw new EvalInputException($"niah template_file '{path}': property '{p.Name}' must be a string");
                var v = p.Value.GetString()!;
                t = p.Name.ToLowerInvariant() switch
                {
                    "intro_singular" => t with { IntroSingular = v },
                    "intro_plural" => t with { IntroPlural = v },
                    "needle" => t with { Needle = v },
                    "question_one" => t with { QuestionOne = v },
                    "question_all" => t with { QuestionAll = v },
                    "question_many" => t with { QuestionMany = v },
                    _ => throw new EvalInputException(
                        $"niah template_file '{path}': unknown property '{p.Name}' (intro_singular, intro_plural, needle, question_one, question_all, question_many)"),
                };
            }
            if (!t.Needle.Contains("{value}", StringComparison.Ordinal))
                throw new EvalInputException($"niah template_file '{path}': needle must contain {{value}}");
            return t;
        }
    }

    public string Intro(string type, int needles) => Fill(needles == 1 ? IntroSingular : IntroPlural, type);

    public string NeedleText(string type, string key, string value) =>
        Fill(Needle, type).Replace("{key}", key, StringComparison.Ordinal).Replace("{value}", value, StringComparison.Ordinal);

    public string Question(string type, IReadOnlyList<string> queriedKeys, int valuesPerKey)
    {
        var template = queriedKeys.Count > 1 ? QuestionMany : valuesPerKey > 1 ? QuestionAll : QuestionOne;
        return Fill(template, type)
            .Replace("{keys}", JoinKeys(queriedKeys), StringComparison.Ordinal)
            .Replace("{key}", queriedKeys[0], StringComparison.Ordinal);
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string JoinKeys(IReadOnlyList<string> keys) =>
        keys.Count == 1 ? keys[0] : string.Join(", ", keys.Take(keys.Count - 1)) + " and " + keys[^1];

    public static string TypeName(NiahValueType type) => type switch
    {
        NiahValueType.Numbers => "number",
        NiahValueType.Words => "word",
        _ => "uuid",
    };

    private static string Fill(string template, string type) =>
        template.Replace("{types}", type + "s", StringComparison.Ordinal).Replace("{type}", type, StringComparison.Ordinal);
}
