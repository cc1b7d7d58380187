using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using EvalHarness.Core.Text;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Evaluators.Graphwalks;

/// <summary>
/// OpenAI Graphwalks: BFS-at-depth and parents questions over a directed graph of md5 hex ids, scored by set F1 exactly
/// like the dataset card (v3; v1 as the <c>f1_v1</c> column). Samples are generated (default, sized to o200k bins) or
/// read from the official parquet/JSONL files. Options: see <see cref="GraphwalksOptions"/>.
/// </summary>
internal sealed class GraphwalksEvaluator : IEvaluator
{
    private IReadOnlyList<GraphwalksSourceFile> _sources = [];

    public string Name => "graphwalks";

    public string Description => "Graphwalks: BFS at exact depth / parents over a hex-id graph, set F1 (OpenAI dataset card grader)";

    private readonly GraphwalksOptions? _options;

    /// <summary>An evaluator bound to parsed options (see <see cref="GraphwalksModule"/>); without them each request's options are parsed.</summary>
    public GraphwalksEvaluator(GraphwalksOptions? options = null) => _options = options;

    /// <summary>The official files read by the last <see cref="GetSamples"/> (path, split, sha256, bytes) for the manifest; empty when generated.</summary>
    public IReadOnlyList<GraphwalksSourceFile> Sources => _sources;

    public IAsyncEnumerable<EvalSample> GetSamples(EvalRequest request, CancellationToken cancellationToken)
    {
        var options = _options ?? GraphwalksOptions.From(request);
        if (options.SourcePath is null)
        {
            _sources = [];
            return Limit(Generate(request.Seed, options, cancellationToken), request.Limit, cancellationToken);
        }
        _sources = GraphwalksOfficialLoader.ResolveSources(options.SourcePath);
        return Limit(LoadOfficial(_sources, options, cancellationToken), request.Limit, cancellationToken);
    }

    public SampleScore Score(EvalSample sample, string responseText)
    {
        var gold = new List<string>();
        if (sample.Truth["answer_nodes"] is JsonArray nodes)
        {
            foreach (var n in nodes)
            {
                if (n is JsonValue v && v.TryGetValue<string>(out var s)) gold.Add(s);
            }
        }
        var g = GraphwalksGrader.Grade(responseText ?? "", gold);
        var columns = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["precision"] = g.Precision.ToString("R", CultureInfo.InvariantCulture),
            ["recall"] = g.Recall.ToString("R", CultureInfo.InvariantCulture),
            ["f1_v1"] = g.F1V1.ToString("R", CultureInfo.InvariantCulture),
            ["parse_failure"] = g.ParseFailure ? "true" : "false",
            ["predicted_size"] = g.PredictedSize.ToString(CultureInfo.InvariantCulture),
        };
        return new SampleScore(g.F1, g.F1 == 1.0, columns);
    }

    /// <summary>Manifest details: the official files read (path, split, sha256, bytes), or <c>source: generated</c>.</summary>
    public Task<JsonObject> DescribeAsync(EvalRequest request, CancellationToken cancellationToken)
    {
        if (_sources.Count == 0) return Task.FromResult(new JsonObject { ["source"] = "generated" });
        var files = new JsonArray();
        foreach (var f in _sources)
        {
            files.Add(new JsonObject { ["path"] = f.Path, ["split"] = f.Split, ["sha256"] = f.Sha256, ["bytes"] = f.Bytes });
        }
        return Task.FromResult(new JsonObject { ["source"] = "official", ["files"] = files });
    }

    private static async IAsyncEnumerable<EvalSample> Generate(int seed, GraphwalksOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var generator = new GraphwalksGenerator(O200kTokenizer.Shared);
        var version = options.PromptVersion ?? GraphwalksPromptVersion.Fixed;
        foreach (var target in options.TokenTargets)
        {
            var (min, max) = GraphwalksOptions.Bin(target);
            foreach (var type in options.ProblemTypes)
            {
                for (var i = 0; i < options.SamplesPerTarget; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var rng = new StablePrng(GraphwalksSeed.Derive(unchecked((ulong)seed), (ulong)target, type == "bfs" ? 1UL : 2UL, (ulong)i));
                    var k = options.OutDegrees[rng.NextInt(options.OutDegrees.Count)];
                    var depth = options.Depths[rng.NextInt(options.Depths.Count)];
                    var g = generator.Generate(new GraphwalksGraphSpec(type, min, max, k, depth, version, rng.NextUInt64()));
                    var bin = target.ToString(CultureInfo.InvariantCulture);
                    yield return new EvalSample
                    {
                        Id = string.Create(CultureInfo.InvariantCulture, $"{type}-{target}-{i:D3}"),
                        Eval = "graphwalks",
                        Messages = [new ChatMessage("user", g.Prompt)],
                        Group = $"{type};bin={bin}",
                        Truth = TruthOf(g.Answer),
                        MaxOutputTokens = options.MaxOutputTokens,
                        Labels = new JsonObject
                        {
                            ["problem_type"] = type,
                            ["split"] = "",
                            ["bin"] = bin,
                            ["prompt_version"] = VersionName(version),
                            ["source_prompt_version"] = "",
                            ["prompt_tokens_o200k"] = g.PromptTokens,
                            ["n_nodes"] = g.NodeCount,
                            ["n_edges"] = g.EdgeCount,
                            ["out_degree"] = g.OutDegree,
                            ["depth"] = g.Operation is GraphwalksBfs b ? b.Depth : null,
                            ["answer_size"] = g.Answer.Count,
                        },
                    };
                }
            }
        }
    }

    private static async IAsyncEnumerable<EvalSample> LoadOfficial(
        IReadOnlyList<GraphwalksSourceFile> files, GraphwalksOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            var taken = new Dictionary<string, int>(StringComparer.Ordinal);
            await foreach (var row in GraphwalksOfficialLoader.ReadAsync(file, cancellationToken).ConfigureAwait(false))
            {
                if (!options.ProblemTypes.Contains(row.ProblemType, StringComparer.Ordinal)) continue;
                taken.TryGetValue(row.ProblemType, out var count);
                if (options.RowsPerSplit is { } cap && count >= cap) continue;
                taken[row.ProblemType] = count + 1;
                yield return OfficialSample(row, options);
            }
        }
    }

    private static EvalSample OfficialSample(GraphwalksOfficialRow row, GraphwalksOptions options)
    {
        var detected = GraphwalksPrompt.DetectVersion(row.Prompt);
        var prompt = options.PromptVersion is { } v && detected is not null && detected != v ? GraphwalksPrompt.Convert(row.Prompt, v) : row.Prompt;
        var sent = options.PromptVersion is { } wanted && detected is not null ? wanted : detected;
        var parsed = GraphwalksPromptParser.Parse(prompt);
        var outDegrees = parsed.Edges.GroupBy(e => e.Source, StringComparer.Ordinal).Select(g => g.Count()).Distinct().ToList();
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (s, t) in parsed.Edges)
        {
            nodes.Add(s);
            nodes.Add(t);
        }
        var split = row.File.Split;
        var shortSplit = split switch
        {
            GraphwalksOfficialLoader.ShortSplit => "le128k",
            GraphwalksOfficialLoader.LongSplit => "gt128k",
            _ => split,
        };
        return new EvalSample
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"{shortSplit}-{row.RowIndex:D4}"),
            Eval = "graphwalks",
            Messages = [new ChatMessage("user", prompt)],
            Group = $"{row.ProblemType};split={split}",
            Truth = TruthOf(row.AnswerNodes),
            MaxOutputTokens = options.MaxOutputTokens,
            Labels = new JsonObject
            {
                ["problem_type"] = row.ProblemType,
                ["split"] = split,
                ["bin"] = "",
                ["prompt_version"] = sent is { } s1 ? VersionName(s1) : "unknown",
                ["source_prompt_version"] = detected is { } d ? VersionName(d) : "unknown",
                ["prompt_tokens_o200k"] = options.CountTokens ? O200kTokenizer.Shared.CountTokens(prompt) : null,
                ["n_nodes"] = nodes.Count,
                ["n_edges"] = parsed.Edges.Count,
                ["out_degree"] = outDegrees.Count == 1 ? outDegrees[0] : null,
                ["depth"] = parsed.Operation is GraphwalksBfs b ? b.Depth : null,
                ["answer_size"] = row.AnswerNodes.Distinct(StringComparer.Ordinal).Count(),
            },
        };
    }

    private static JsonObject TruthOf(IReadOnlyList<string> answer)
    {
        var array = new JsonArray();
        foreach (var a in answer) array.Add(a);
        return new JsonObject { ["answer_nodes"] = array };
    }

    internal static string VersionName(GraphwalksPromptVersion version) =>
        version == GraphwalksPromptVersion.Original ? "original" : "fixed";

    private static async IAsyncEnumerable<EvalSample> Limit(IAsyncEnumerable<EvalSample> samples, int? limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (limit is <= 0) yield break;
        var n = 0;
        await foreach (var s in samples.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return s;
            if (++n == limit) yield break;
        }
    }
}
