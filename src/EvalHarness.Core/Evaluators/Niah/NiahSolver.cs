using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EvalHarness.Core.Text;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Evaluators.Niah;

/// <summary>
/// Answers the built-in NIAH prompt (Core's <c>NiahTemplate.BuiltIn</c>) like a good model: reads the question on the
/// last line, finds the visible needle sentences for the queried keys, and states their values. A queried key with no
/// visible needle gets a plausible value of the right type that is derived from the seed and the key, so it is wrong
/// (barring a one-in-millions coincidence) and reproducible.
/// </summary>
internal sealed partial class NiahSolver : ITaskSolver
{
    // Solver-only words, disjoint from the evaluator's value words, so a guessed word is never right by chance.
    private static readonly string[] GuessWords =
    [
        "teapot", "umbrella", "notebook", "pillow", "scarf", "bicycle", "telescope", "doorbell", "envelope", "kettle",
        "backpack", "calendar", "mitten", "saucepan", "thimble", "whistle",
    ];

    public string Name => "niah";

    [GeneratedRegex(@"^Question: What (?:is|are(?: all)?) the special (number|word|uuid)s? for (.+?) mentioned in the text above\?", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex QuestionRegex();

    [GeneratedRegex(@"One of the special (?:number|word|uuid)s for (\S+) is: ([^\s.]+)\.", RegexOptions.CultureInvariant)]
    private static partial Regex NeedleRegex();

    [GeneratedRegex(@"^(?:A special \w+ is|Special \w+ are) hidden in the text below\.", RegexOptions.CultureInvariant)]
    private static partial Regex IntroRegex();

    public bool Recognizes(IReadOnlyList<ChatMessage> messages)
    {
        var content = LastUserContent(messages);
        return content is not null && IntroRegex().IsMatch(content) && LastQuestion(content) is not null;
    }

    public string Solve(IReadOnlyList<ChatMessage> visibleMessages, ulong seed)
    {
        var content = LastUserContent(visibleMessages) ?? "";
        var question = LastQuestion(content);
        if (question is null) return "I could not find the question.";
        var type = question.Groups[1].Value;
        var keys = SplitKeys(question.Groups[2].Value);

        var visible = new Dictionary<string, List<string>>(StringComparer.Ordinal); // lookups only; output follows key order
        foreach (Match m in NeedleRegex().Matches(content[..question.Index]))
        {
            if (!visible.TryGetValue(m.Groups[1].Value, out var list)) visible[m.Groups[1].Value] = list = [];
            if (!list.Contains(m.Groups[2].Value, StringComparer.Ordinal)) list.Add(m.Groups[2].Value);
        }

        var sb = new StringBuilder();
        foreach (var key in keys)
        {
            var values = visible.TryGetValue(key, out var found) ? found : [Guess(type, key, seed)];
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(values.Count == 1
                ? $"The special {type} for {key} is {values[0]}."
                : $"The special {type}s for {key} are {JoinAnd(values)}.");
        }
        return sb.ToString();
    }

    private static Match? LastQuestion(string content)
    {
        var lastLine = content.LastIndexOf('\n') + 1;
        var m = QuestionRegex().Match(content, lastLine);
        return m.Success ? m : null;
    }

    private static string? LastUserContent(IReadOnlyList<ChatMessage> messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (string.Equals(messages[i].Role, "user", StringComparison.Ordinal)) return messages[i].Content;
        }
        return null;
    }

    /// <summary>"a", "a and b", "a, b and c" back to keys (keys hold no spaces).</summary>
    private static string[] SplitKeys(string keys) =>
        keys.Replace(" and ", ", ", StringComparison.Ordinal).Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string JoinAnd(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    internal static string Guess(string type, string key, ulong seed)
    {
        var prng = new StablePrng(StablePrng.Mix(unchecked((long)seed), unchecked((long)Fnv1a(key))));
        switch (type)
        {
            case "number":
                return prng.NextInt(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture);
            case "word":
                return prng.Pick(GuessWords);
            default:
                var hi = (prng.NextUInt64() & 0xFFFFFFFFFFFF0FFFUL) | 0x4000UL;
                var lo = (prng.NextUInt64() & 0x3FFFFFFFFFFFFFFFUL) | 0x8000000000000000UL;
                var hex = hi.ToString("x16", CultureInfo.InvariantCulture) + lo.ToString("x16", CultureInfo.InvariantCulture);
                return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
        }
    }

    private static ulong Fnv1a(string s)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(s)) h = unchecked((h ^ b) * 0x100000001B3UL);
        return h;
    }
}
