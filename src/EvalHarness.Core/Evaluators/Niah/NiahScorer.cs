using System.Globalization;
using System.Text;

namespace EvalHarness.Core.Evaluators.Niah;

/// <summary>
/// RULER's string_match_all with the spec's additions: the score is the share of expected values found in the
/// normalised response (case-insensitive substring); numbers written with thousands separators count but are flagged
/// <c>lenient_used</c>; values of non-queried needles found in the response are listed as distractor hits, and
/// <c>strict_pass</c> requires a full score with none.
/// </summary>
internal static class NiahScorer
{
    // Group separators people and models write: comma, dot, space (NFKC folds no-break spaces to it), apostrophes, underscore.
    private static readonly string[] Separators = [",", ".", " ", "'", "\u2019", "_"];

    public static SampleScore Score(IReadOnlyList<string> expected, IReadOnlyList<string> distractors, bool numbers, string? response)
    {
        var raw = response ?? "";
        var text = Normalize(raw);
        var found = new List<string>();
        var lenient = false;
        foreach (var value in expected)
        {
            var v = value.ToLowerInvariant();
            if (text.Contains(v, StringComparison.Ordinal))
            {
                found.Add(value);
            }
            else if (numbers && GroupedForms(v).Any(g => text.Contains(g, StringComparison.Ordinal)))
            {
                found.Add(value);
                lenient = true;
            }
        }
        var hits = distractors.Where(d => Contains(text, d.ToLowerInvariant(), numbers)).ToList();
        var score = expected.Count == 0 ? 0.0 : (double)found.Count / expected.Count;
        var passed = expected.Count > 0 && found.Count == expected.Count;
        var columns = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["found_values"] = string.Join('|', found),
            ["distractor_hits"] = string.Join('|', hits),
            ["strict_pass"] = passed && hits.Count == 0 ? "true" : "false",
            ["lenient_used"] = lenient ? "true" : "false",
            ["response_chars"] = Text.CodePoints.Count(raw).ToString(CultureInfo.InvariantCulture),
        };
        return new SampleScore(score, passed, columns);
    }

    /// <summary>NFKC (see <see cref="Text.CompatibilityFold"/>); drop zero-width space/non-joiner/joiner and BOM; control characters to line breaks; lower case.</summary>
    public static string Normalize(string text)
    {
        var nfkc = Text.CompatibilityFold.Nfkc(text);
        var sb = new StringBuilder(nfkc.Length);
        foreach (var c in nfkc)
        {
            if (c is >= '\u200B' and <= '\u200D' or '\uFEFF') continue;
            sb.Append(char.IsControl(c) ? '\n' : c);
        }
        return sb.ToString().ToLowerInvariant();
    }

    private static bool Contains(string text, string value, bool numbers) =>
        text.Contains(value, StringComparison.Ordinal) || (numbers && GroupedForms(value).Any(g => text.Contains(g, StringComparison.Ordinal)));

    /// <summary>"1234567" as "1,234,567", "1.234.567", "1 234 567"... (groups of three from the right).</summary>
    internal static IEnumerable<string> GroupedForms(string digits)
    {
        if (digits.Length < 4 || !digits.All(char.IsAsciiDigit)) yield break;
        foreach (var sep in Separators)
        {
            var sb = new StringBuilder();
            var head = digits.Length % 3 == 0 ? 3 : digits.Length % 3;
            sb.Append(digits, 0, head);
            for (var i = head; i < digits.Length; i += 3) sb.Append(sep).Append(digits, i, 3);
            yield return sb.ToString();
        }
    }
}
