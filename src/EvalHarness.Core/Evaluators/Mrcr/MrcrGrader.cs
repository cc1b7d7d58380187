using EvalHarness.Core.Text;

namespace EvalHarness.Core.Evaluators.Mrcr;

/// <summary>The official MRCR grade and the lenient variant peers use.</summary>
internal static class MrcrGrader
{
    /// <summary>
    /// The dataset card's grader: 0 unless the response starts with the hash (ordinal, no trimming: a leading space
    /// or newline scores 0); otherwise difflib's <c>SequenceMatcher(None, response, answer).ratio()</c> with the hash
    /// removed from both, in that argument order (ratio is not symmetric once autojunk or ties come into play).
    /// </summary>
    public static double Grade(string response, string answer, string hash)
    {
        if (!response.StartsWith(hash, StringComparison.Ordinal)) return 0;
        var r = response[hash.Length..];
        var a = answer.StartsWith(hash, StringComparison.Ordinal) ? answer[hash.Length..] : answer; // Python removeprefix
        return SequenceMatcher.Ratio(r, a);
    }

    /// <summary>
    /// lm-eval / NeMo style: drop leading whitespace and one leading <c>&lt;think&gt;...&lt;/think&gt;</c> block
    /// (and the whitespace after it), then grade officially. Reported beside the official score, never instead of it.
    /// </summary>
    public static double GradeLenient(string response, string answer, string hash) => Grade(StripLenient(response), answer, hash);

    public static string StripLenient(string response)
    {
        var s = response.TrimStart();
        if (s.StartsWith("<think>", StringComparison.Ordinal))
        {
            var end = s.IndexOf("</think>", StringComparison.Ordinal);
            if (end >= 0) s = s[(end + "</think>".Length)..].TrimStart();
        }
        return s;
    }
}
