using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators.Mrcr.Official;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Evaluators.Mrcr;

/// <summary>
/// OpenAI-MRCR (multi-round co-reference resolution): the official set (v1 or v2 parquet, or JSONL with the same
/// columns) or generated MRCR-style conversations; graded with the card's difflib ratio. Options: see
/// <see cref="MrcrOptions"/>. Group = <c>n=&lt;n_needles&gt;;bin=&lt;lo&gt;-&lt;hi&gt;</c>.
/// </summary>
internal sealed class MrcrEvaluator : IEvaluator
{
    public const string EvalName = "mrcr";

    public string Name => EvalName;

    public string Description => "OpenAI-MRCR: reproduce the k-th of n identical requests' reply, prefixed by a hash (difflib ratio)";

    private readonly MrcrOptions? _options;

    /// <summary>An evaluator bound to parsed options (see <see cref="MrcrModule"/>); without them each request's options are parsed.</summary>
    public MrcrEvaluator(MrcrOptions? options = null) => _options = options;

    public IAsyncEnumerable<EvalSample> GetSamples(EvalRequest request, CancellationToken cancellationToken)
    {
        var options = _options ?? MrcrOptions.From(request);
        var samples = options.IsGenerated
            ? MrcrGeneratedSamples.GetAsync(request.Seed, options, cancellationToken)
            : MrcrOfficialSamples.GetAsync(options, cancellationToken);
        return request.Limit is { } limit ? Take(samples, limit, cancellationToken) : samples;
    }

    public SampleScore Score(EvalSample sample, string responseText)
    {
        var answer = TruthString(sample.Truth, "answer");
        var hash = TruthString(sample.Truth, "random_string_to_prepend");
        var score = MrcrGrader.Grade(responseText, answer, hash);
        var lenient = MrcrGrader.GradeLenient(responseText, answer, hash);
        return new SampleScore(score, score == 1.0, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["score_lenient"] = lenient.ToString("R", CultureInfo.InvariantCulture),
            ["prefix_ok"] = responseText.StartsWith(hash, StringComparison.Ordinal) ? "true" : "false",
            ["response_chars"] = CodePoints.Count(responseText).ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Manifest details: the official files with version and sha256, or <c>source: generated</c>.</summary>
    public async Task<JsonObject> DescribeAsync(EvalRequest request, CancellationToken cancellationToken)
    {
        var source = await DescribeSourceAsync(request, cancellationToken).ConfigureAwait(false);
        if (source is null) return new JsonObject { ["source"] = "generated" };
        var files = new JsonArray();
        foreach (var f in source.Files)
        {
            files.Add(new JsonObject { ["path"] = f.Path, ["version"] = f.Version, ["sha256"] = f.Sha256, ["bytes"] = f.Bytes });
        }
        return new JsonObject { ["source"] = source.Path, ["dataset_version"] = source.Version, ["files"] = files };
    }

    /// <summary>
    /// The data files behind <paramref name="request"/> with their version and sha256, for the run manifest; null for
    /// the generated source. Hashing streams each file once (~0.5 GB per official file).
    /// </summary>
    public static async Task<MrcrSourceDescription?> DescribeSourceAsync(EvalRequest request, CancellationToken cancellationToken)
    {
        var options = MrcrOptions.From(request);
        if (options.IsGenerated) return null;
        var source = MrcrSource.Open(options.SourcePath!, options.NNeedles, options.DatasetVersion);
        var files = new List<MrcrFileDigest>();
        foreach (var f in source.Files)
        {
            files.Add(new MrcrFileDigest(f.Path, f.Version, await f.ComputeSha256Async(cancellationToken).ConfigureAwait(false), new FileInfo(f.Path).Length));
        }
        return new MrcrSourceDescription(source.Path, source.Version, files);
    }

    private static string TruthString(JsonObject truth, string name) =>
        truth[name]?.GetValue<string>() ?? throw new ArgumentException($"MRCR sample truth lacks '{name}'");

    private static async IAsyncEnumerable<EvalSample> Take(IAsyncEnumerable<EvalSample> source, int limit, [EnumeratorCancellation] CancellationToken ct)
    {
        if (limit <= 0) yield break;
        var n = 0;
        await foreach (var s in source.WithCancellation(ct).ConfigureAwait(false))
        {
            yield return s;
            if (++n >= limit) yield break;
        }
    }
}

/// <summary>What the manifest records about an official source.</summary>
internal sealed record MrcrSourceDescription(string Path, string Version, IReadOnlyList<MrcrFileDigest> Files);

internal sealed record MrcrFileDigest(string Path, string Version, string Sha256, long Bytes);
