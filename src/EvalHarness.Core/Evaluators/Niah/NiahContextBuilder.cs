using System.Security.Cryptography;
using System.Text;
using EvalHarness.Core.Text;
using EvalHarness.Core.Text.Haystack;

namespace EvalHarness.Core.Evaluators.Niah;

/// <summary>Where one needle landed.</summary>
/// <param name="Boundary">Sentence boundary index: 0 = before the first haystack sentence, n = after the last.</param>
/// <param name="DepthTarget">Target depth in percent.</param>
/// <param name="Depth">Actual depth: haystack tokens before the boundary / haystack tokens x 100.</param>
/// <param name="TokenIndex">Index of the needle's first token in the whole message.</param>
internal sealed record NeedlePlacement(string Text, int Boundary, double DepthTarget, double Depth, int TokenIndex = -1);

/// <summary>A fitted user message: instructions, haystack with needles, question.</summary>
internal sealed record NiahContext(
    string Content,
    int ContextTokens,
    int HaystackTokens,
    string HaystackSha256,
    IReadOnlyList<NeedlePlacement> Needles,
    int FirstNeedleTokenIndex,
    int MasterSentences,
    int FillerSentences);

/// <summary>
/// Fits the message to a target token count (spec "Fitting the exact length"): the longest whole-sentence haystack
/// prefix under the budget, then filler sentences of exact token counts (<see cref="TailFiller"/>) for the remainder,
/// needles at sentence boundaries by the floor depth rule, and a recount of the whole message, repeated until exact.
/// Never splices in token space.
/// </summary>
internal static class NiahContextBuilder
{
    private const int MaxRounds = 8;

    public static NiahContext Build(
        SentenceText haystack, int target, string intro, string question, IReadOnlyList<string> needles,
        IReadOnlyList<double> depthTargets, ulong fillerSeed)
    {
        var tokenizer = O200kTokenizer.Shared;
        var tolerance = NiahOptions.Tolerance(target);
        var fixedTokens = tokenizer.CountTokens(Compose(intro, "", question));
        var needleTokens = needles.Sum(n => tokenizer.CountTokens(" " + n));
        var budget = target - fixedTokens - needleTokens;
        if (budget < TailFiller.MinSentenceTokens)
            throw new EvalInputException($"niah: context length {target} is too small for the instructions and needles ({fixedTokens + needleTokens} tokens)");
        if (budget > haystack.TotalTokens) throw new InvalidOperationException("haystack shorter than the budget");

        NiahContext? best = null;
        for (var round = 0; round < MaxRounds; round++)
        {
            var (sentences, tail) = Split(haystack, budget);
            var candidate = Assemble(haystack, sentences, tail, intro, question, needles, depthTargets, fillerSeed);
            if (candidate.ContextTokens <= target && (best is null || candidate.ContextTokens > best.ContextTokens)) best = candidate;
            var gap = target - candidate.ContextTokens;
            if (gap == 0) break;
            budget += gap; // seam merges move the count by a few tokens; correct the budget and rebuild
        }
        if (best is null || target - best.ContextTokens > tolerance)
            throw new InvalidOperationException($"niah: could not fit {target} tokens within {tolerance} (best {best?.ContextTokens})");
        return best;
    }

    /// <summary>Whole master sentences plus a filler remainder that is 0 or at least one filler sentence long.</summary>
    private static (int Sentences, int Tail) Split(SentenceText haystack, int budget)
    {
        var k = haystack.MaxSentencesWithin(budget);
        var tail = budget - TokensBefore(haystack, k);
        while (tail is > 0 and < TailFiller.MinSentenceTokens && k > 0)
        {
            k--;
            tail = budget - TokensBefore(haystack, k);
        }
        if (tail is > 0 and < TailFiller.MinSentenceTokens) throw new EvalInputException("niah: context length too small");
        return (k, tail);
    }

    private static int TokensBefore(SentenceText haystack, int sentences) => sentences == 0 ? 0 : haystack.TokensThrough[sentences - 1];

    private static NiahContext Assemble(
        SentenceText haystack, int sentences, int tail, string intro, string question, IReadOnlyList<string> needles,
        IReadOnlyList<double> depthTargets, ulong fillerSeed)
    {
        var fillers = TailFiller.Build(tail, new StablePrng(fillerSeed));

        // Boundary b sits after b sentences; its char position is the end of sentence b - 1 (before the separator),
        // its token offset the tokens of the first b sentences.
        var boundaryChars = new List<int>(sentences + fillers.Count + 1) { 0 };
        var boundaryTokens = new List<int>(sentences + fillers.Count + 1) { 0 };
        var hay = new StringBuilder(haystack.Prefix(sentences));
        for (var i = 0; i < sentences; i++)
        {
            boundaryChars.Add(haystack.Ends[i]);
            boundaryTokens.Add(haystack.TokensThrough[i]);
        }
        foreach (var (sentence, tokens) in fillers)
        {
            if (hay.Length > 0) hay.Append(' ');
            hay.Append(sentence);
            boundaryChars.Add(hay.Length);
            boundaryTokens.Add(boundaryTokens[^1] + tokens);
        }
        var hayText = hay.ToString();
        var hayTokens = boundaryTokens[^1];

        var placements = new NeedlePlacement[needles.Count];
        for (var j = 0; j < needles.Count; j++)
        {
            var b = FloorBoundary(boundaryTokens, depthTargets[j], hayTokens);
            placements[j] = new NeedlePlacement(needles[j], b, depthTargets[j], Math.Round(100.0 * boundaryTokens[b] / hayTokens, 2));
        }

        // Splice: at each boundary the needles in list order; each needle becomes its own sentence.
        var context = new StringBuilder(hayText.Length + needles.Sum(n => n.Length + 1));
        var order = Enumerable.Range(0, needles.Count).OrderBy(j => placements[j].Boundary).ThenBy(j => j).ToArray();
        var copied = 0;
        foreach (var j in order)
        {
            var at = boundaryChars[placements[j].Boundary];
            context.Append(hayText, copied, at - copied);
            copied = at;
            if (context.Length > 0) context.Append(' ');
            context.Append(needles[j]);
            if (at == 0 && hayText.Length > 0 && order.Last(o => placements[o].Boundary == 0) == j) context.Append(' ');
        }
        context.Append(hayText, copied, hayText.Length - copied);

        var content = Compose(intro, context.ToString(), question);
        var tokenizer = O200kTokenizer.Shared;
        var contextTokens = tokenizer.CountTokens(content);
        // Token indexes are additive over the seams (the intro's line break joins its full stop, a needle's leading
        // space its first word); tests check them against counting the prefix.
        var introTokens = tokenizer.CountTokens(intro + "\n");
        var needlesBefore = 0;
        foreach (var j in order)
        {
            placements[j] = placements[j] with { TokenIndex = introTokens + boundaryTokens[placements[j].Boundary] + needlesBefore };
            needlesBefore += tokenizer.CountTokens(" " + needles[j]);
        }
        return new NiahContext(content, contextTokens, hayTokens, Sha256Hex(hayText), placements, placements[0].TokenIndex, sentences, fillers.Count);
    }

    /// <summary>The largest boundary b with tokens(b) &lt;= depth% of the haystack (a floor on real boundaries).</summary>
    internal static int FloorBoundary(IReadOnlyList<int> boundaryTokens, double depthPercent, int hayTokens)
    {
        var limit = depthPercent * hayTokens / 100.0 + 1e-9;
        int lo = 0, hi = boundaryTokens.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (boundaryTokens[mid] <= limit) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    public static string Compose(string intro, string context, string question) => intro + "\n" + context + "\n" + question;

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
