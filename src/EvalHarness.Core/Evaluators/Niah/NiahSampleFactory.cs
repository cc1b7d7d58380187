using System.Globalization;
using System.Text.Json.Nodes;
using EvalHarness.Core.Text;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Evaluators.Niah;

/// <summary>Builds one sample: fresh keys and values from the per-sample seed, needles, fitted context, truth, labels.</summary>
internal static class NiahSampleFactory
{
    public static EvalSample Create(NiahOptions o, NiahHaystackSource haystack, int seed, int length, double? depth, int index)
    {
        // Per-sample seed from (seed, length, depth, sample); a random-depth cell uses -1 as its depth key.
        var sampleSeed = StablePrng.Mix(seed, length, depth is { } dd ? (long)Math.Round(dd * 100) : -1, index);
        var prng = new StablePrng(sampleSeed);
        var depthTarget = depth ?? prng.NextInt(101);
        var depthLabel = depth is null ? "random" : NiahEvaluator.FormatDepth(depthTarget);

        var keys = NiahValues.Distinct(prng, o.KeyType, o.Keys, keyRole: true, []);
        var values = NiahValues.Distinct(prng, o.ValueType, o.Keys * o.ValuesPerKey, keyRole: false, keys);
        var type = NiahTemplate.TypeName(o.ValueType);

        // Needle j of key k holds values[k * ValuesPerKey + v]. The first queried key's first needle goes at the grid
        // depth; the others are shuffled and spread after it.
        var pairs = new List<(int Key, int Value)>();
        for (var k = 0; k < o.Keys; k++)
        {
            for (var v = 0; v < o.ValuesPerKey; v++) pairs.Add((k, k * o.ValuesPerKey + v));
        }
        var rest = pairs.Skip(1).ToList();
        prng.Shuffle(rest);
        pairs = [pairs[0], .. rest];
        var n = pairs.Count;
        var depthTargets = new double[n];
        depthTargets[0] = depthTarget;
        for (var j = 1; j < n; j++)
        {
            depthTargets[j] = o.RandomSpread
                ? Math.Round(prng.NextDouble() * 100, 2)
                : Math.Round(depthTarget + j * (100 - depthTarget) / n, 2); // gkamradt: evenly from d towards the end
        }
        var needleTexts = pairs.Select(p => o.Template.NeedleText(type, keys[p.Key], values[p.Value])).ToArray();

        var queried = keys.Take(o.Queries).ToArray();
        var intro = o.Template.Intro(type, n);
        var question = o.Template.Question(type, queried, o.ValuesPerKey);
        var context = NiahContextBuilder.Build(haystack.Text, length, intro, question, needleTexts, depthTargets, StablePrng.Mix(unchecked((long)sampleSeed), 1));

        var expected = values.Take(o.Queries * o.ValuesPerKey).ToArray();
        // Values of the other needles, then of the haystack's distractor needles in the part used.
        var distractors = values.Skip(o.Queries * o.ValuesPerKey)
            .Concat(haystack.SentenceValues?.Take(context.MasterSentences) ?? []).ToArray();
        var ctxLabel = length.ToString(CultureInfo.InvariantCulture);
        var truth = new JsonObject
        {
            ["value_type"] = ValueTypeName(o.ValueType),
            ["expected_values"] = Array(expected),
            ["distractor_values"] = Array(distractors),
            ["keys"] = Array(keys),
            ["queried_keys"] = Array(queried),
            ["needles"] = new JsonArray(pairs.Select((p, j) => (JsonNode)new JsonObject
            {
                ["text"] = needleTexts[j],
                ["key"] = keys[p.Key],
                ["value"] = values[p.Value],
                ["depth_percent_target"] = context.Needles[j].DepthTarget,
                ["depth_percent"] = context.Needles[j].Depth,
                ["token_index"] = context.Needles[j].TokenIndex,
                ["sentence_boundary"] = context.Needles[j].Boundary,
            }).ToArray()),
            ["needle_token_index"] = context.FirstNeedleTokenIndex,
        };
        var labels = new JsonObject
        {
            ["context_tokens_target"] = length,
            ["context_tokens"] = context.ContextTokens,
            ["haystack_tokens"] = context.HaystackTokens,
            ["depth_percent_target"] = depthTarget,
            ["depth_percent"] = context.Needles[0].Depth,
            ["needle_token_index"] = context.FirstNeedleTokenIndex,
            ["n_needles"] = n,
            ["n_keys"] = o.Keys,
            ["n_values"] = o.ValuesPerKey,
            ["n_queries"] = o.Queries,
            ["task"] = o.Task.ToString().ToLowerInvariant(),
            ["haystack_kind"] = o.HaystackLabel,
            ["key_type"] = ValueTypeName(o.KeyType),
            ["value_type"] = ValueTypeName(o.ValueType),
            ["expected_values"] = string.Join('|', expected),
            ["seed"] = sampleSeed.ToString(CultureInfo.InvariantCulture),
            ["haystack_sha256"] = context.HaystackSha256,
            ["tokenizer"] = O200kTokenizer.EncodingName,
        };
        return new EvalSample
        {
            Id = $"ctx={ctxLabel};depth={depthLabel};i={index.ToString(CultureInfo.InvariantCulture)}",
            Eval = NiahEvaluator.EvalName,
            Messages = [new ChatMessage("user", context.Content)],
            Group = $"ctx={ctxLabel};depth={depthLabel}",
            // Samples of one cell share one haystack and differ only in their needles (statistics notes: NIAH cells).
            Cluster = $"ctx={ctxLabel};depth={depthLabel}",
            Truth = truth,
            Labels = labels,
            MaxOutputTokens = o.MaxOutputTokens,
            Temperature = o.Temperature,
        };
    }

    private static string ValueTypeName(NiahValueType t) => t.ToString().ToLowerInvariant();

    private static JsonArray Array(IEnumerable<string> items) => new(items.Select(s => (JsonNode)JsonValue.Create(s)).ToArray());
}
