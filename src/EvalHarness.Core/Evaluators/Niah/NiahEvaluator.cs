using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace EvalHarness.Core.Evaluators.Niah;

/// <summary>
/// Needle in a haystack (spec: shared/specs/niah.md). Options: preset (smoke | gpt41 | gpt41-128k | classic | ruler),
/// context_lengths, depths, samples_per_cell, task (single | multikey | multivalue | multiquery), key_type and
/// value_type (numbers | words | uuids), n_keys, n_values, n_queries, haystack (essay | noise | files:&lt;dir&gt;),
/// haystack_dir, multi_needle_spread (even | random), max_output_tokens (128), temperature (0, or "model"),
/// template_file (JSON, see <see cref="NiahTemplate"/>).
/// </summary>
internal sealed class NiahEvaluator : IEvaluator
{
    public const string EvalName = "niah";

    public string Name => EvalName;

    public string Description => "Needle in a haystack: key-value needles at set depths in o200k-exact contexts (RULER scoring, gkamradt grid)";

    private readonly NiahOptions? _options;

    /// <summary>An evaluator bound to parsed options (see <see cref="NiahModule"/>); without them each request's options are parsed.</summary>
    public NiahEvaluator(NiahOptions? options = null) => _options = options;

    public async IAsyncEnumerable<EvalSample> GetSamples(EvalRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = _options ?? NiahOptions.Parse(request);
        var depths = options.Depths.Count > 0 ? options.Depths.Select(d => (double?)d).ToArray() : [null];
        // With a limit only the first lengths are reached; build the haystack for those alone.
        var perLength = (long)depths.Length * options.SamplesPerCell;
        var lengthsUsed = request.Limit is { } lim ? (int)Math.Min(options.ContextLengths.Count, Math.Max(1, (lim + perLength - 1) / perLength)) : options.ContextLengths.Count;
        var maxLength = options.ContextLengths.Take(lengthsUsed).Max();
        // Haystack text is built once for the longest context; every sample uses a prefix of it.
        var haystack = await Task.Run(() => NiahHaystackSource.Create(options, request.Seed, maxLength), cancellationToken)
            .ConfigureAwait(false);

        var produced = 0;
        foreach (var length in options.ContextLengths)
        {
            foreach (var depth in depths)
            {
                for (var i = 0; i < options.SamplesPerCell; i++)
                {
                    if (request.Limit is { } limit && produced >= limit) yield break;
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return NiahSampleFactory.Create(options, haystack, request.Seed, length, depth, i);
                    produced++;
                }
            }
        }
    }

    public SampleScore Score(EvalSample sample, string responseText)
    {
        var truth = sample.Truth;
        var numbers = string.Equals((string?)truth["value_type"], "numbers", StringComparison.Ordinal);
        return NiahScorer.Score(Strings(truth["expected_values"]), Strings(truth["distractor_values"]), numbers, responseText);
    }

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(n => n?.GetValue<string>() ?? "").ToArray() : [];

    internal static string FormatDepth(double depth) => depth.ToString("0.##", CultureInfo.InvariantCulture);
}
