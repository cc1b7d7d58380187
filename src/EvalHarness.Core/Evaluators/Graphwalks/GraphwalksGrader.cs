using System.Text.RegularExpressions;

namespace EvalHarness.Core.Evaluators.Graphwalks;

/// <summary>One graded response. <see cref="F1"/> is the headline (dataset card v3); <see cref="F1V1"/> is the April 2025 card's.</summary>
internal sealed record GraphwalksGrade(double F1, double Precision, double Recall, bool ParseFailure, int PredictedSize, double F1V1);

/// <summary>
/// The dataset card's grader. Common rule: only the LAST line (<c>split('\n')[-1]</c>, untrimmed, so a trailing newline
/// is a parse failure) counts, and it must contain the case-sensitive <c>Final Answer:</c>.
/// </summary>
internal static partial class GraphwalksGrader
{
    private const string Marker = "Final Answer:";

    public static GraphwalksGrade Grade(string response, IEnumerable<string> gold)
    {
        var truth = new HashSet<string>(gold, StringComparer.Ordinal);
        var (predicted, failed) = ParseV3(response);
        double precision = 0, recall = 0, f1 = 0;
        if (!failed)
        {
            if (truth.Count == 0 && predicted.Count == 0)
            {
                precision = recall = f1 = 1;
            }
            else
            {
                (precision, recall, f1) = Prf(predicted, truth);
            }
        }
        var v1 = ParseV1(response);
        var f1V1 = v1 is null ? 0 : Prf(v1, truth).F1;
        return new GraphwalksGrade(f1, precision, recall, failed, predicted.Count, f1V1);
    }

    /// <summary>
    /// v3 (current card): greedy <c>\[.*\]</c> on the last line, <c>strip("[]")</c>, split on commas, trim, drop empties.
    /// Quotes are kept. Returns the predicted set and whether parsing failed.
    /// </summary>
    public static (HashSet<string> Items, bool ParseFailure) ParseV3(string response)
    {
        var line = LastLine(response);
        if (!line.Contains(Marker, StringComparison.Ordinal)) return ([], true);
        var open = line.IndexOf('[');
        var close = line.LastIndexOf(']');
        if (open < 0 || close < open) return ([], true);
        var items = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in line[open..(close + 1)].Trim('[', ']').Split(','))
        {
            var item = part.Trim();
            if (item.Length > 0) items.Add(item);
        }
        return (items, false);
    }

    /// <summary>
    /// v1 (April 2025 card, as written): <c>Final Answer: ?\[.*\]</c>, then group(0) (which still starts with
    /// <c>Final Answer: [</c>) is stripped of brackets and split on commas, so the first item is <c>Final Answer: [a</c> and
    /// never matches, and empty gold always scores 0. Kept only as a comparison column. Null = parse failure.
    /// </summary>
    public static HashSet<string>? ParseV1(string response)
    {
        var line = LastLine(response);
        if (!line.Contains(Marker, StringComparison.Ordinal)) return null;
        var m = V1Pattern().Match(line);
        if (!m.Success) return null;
        var items = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in m.Value.Trim('[', ']').Split(',')) items.Add(part.Trim());
        return items;
    }

    private static string LastLine(string response)
    {
        var i = response.LastIndexOf('\n');
        return i < 0 ? response : response[(i + 1)..];
    }

    private static (double Precision, double Recall, double F1) Prf(HashSet<string> predicted, HashSet<string> truth)
    {
        var overlap = 0;
        foreach (var p in predicted)
        {
            if (truth.Contains(p)) overlap++;
        }
        var recall = truth.Count > 0 ? (double)overlap / truth.Count : 0;
        var precision = predicted.Count > 0 ? (double)overlap / predicted.Count : 0;
        var f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        return (precision, recall, f1);
    }

    [GeneratedRegex(@"Final Answer: ?\[.*\]", RegexOptions.CultureInvariant)]
    private static partial Regex V1Pattern();
}
