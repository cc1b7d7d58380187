using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EvalHarness.Core.Evaluators.Mrcr;

/// <summary>The fixed wording of MRCR requests and of the final question (byte-exact apart from the slots).</summary>
internal static partial class MrcrQuestion
{
    /// <summary><c>write a {format} about {topic}</c>, lower case, article as is (<c>write a email about horses</c>).</summary>
    public static string Request(string format, string topic) => $"write a {format} about {topic}";

    /// <summary><c>Prepend {hash} to the {k}{st|nd|rd|th} (1 indexed) {format} about {topic}. Do not include any other text in your response.</c></summary>
    public static string Format(string hash, int k, string format, string topic) =>
        $"Prepend {hash} to the {Ordinal(k)} (1 indexed) {format} about {topic}. Do not include any other text in your response.";

    /// <summary>1st, 2nd, 3rd, 4th ... 11th, 12th, 13th, 21st.</summary>
    public static string Ordinal(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var suffix = (k % 100) is 11 or 12 or 13 ? "th" : (k % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return k.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>Parses a final question; false for any other text.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out MrcrQuestionParts? parts)
    {
        parts = null;
        var m = QuestionRegex().Match(text);
        if (!m.Success) return false;
        if (!int.TryParse(m.Groups["k"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k < 1) return false;
        if (!string.Equals(Ordinal(k), m.Groups["ord"].Value, StringComparison.Ordinal)) return false;
        parts = new MrcrQuestionParts(m.Groups["hash"].Value, k, m.Groups["format"].Value, m.Groups["topic"].Value);
        return true;
    }

    [GeneratedRegex(@"\APrepend (?<hash>[A-Za-z0-9]+) to the (?<ord>(?<k>[0-9]+)(?:st|nd|rd|th)) \(1 indexed\) (?<format>.+?) about (?<topic>.+)\. Do not include any other text in your response\.\z", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex QuestionRegex();
}

/// <summary>The slots of a final question.</summary>
internal sealed record MrcrQuestionParts(string Hash, int K, string Format, string Topic)
{
    public string Request => MrcrQuestion.Request(Format, Topic);
}
