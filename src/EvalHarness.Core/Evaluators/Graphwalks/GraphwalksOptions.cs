namespace EvalHarness.Core.Evaluators.Graphwalks;

/// <summary>
/// Options of the graphwalks evaluator (all optional):
/// <list type="bullet">
/// <item><c>source</c>: <c>generated</c> (default), or a parquet/jsonl file, or a directory holding the two official files.</item>
/// <item><c>prompt_version</c>: <c>fixed</c> (2026-02-27 wording, default for generated) or <c>original</c> (April 2025).
///   For official data the default is <c>as_is</c> (the file's own text); an explicit version rewrites the prompt with
///   the fix's three literal substitutions.</item>
/// <item><c>problem_types</c>: <c>bfs,parents</c> (default both).</item>
/// <item><c>token_targets</c>: generated only; o200k targets, e.g. <c>2000,8000</c>. A target T is the bin
///   <c>[T - T/10, T]</c>: the whole prompt never exceeds T and uses at least 90% of it.</item>
/// <item><c>samples_per_target</c>: generated only; per (target, problem type), default 5.</item>
/// <item><c>out_degree</c>: generated only; list of k drawn uniformly per sample, default <c>1,2,3,4,5</c> (seen in real rows).</item>
/// <item><c>depth</c>: generated only; list of BFS depths drawn uniformly per sample, default <c>1,2,3</c>.</item>
/// <item><c>max_output_tokens</c>: per-sample output limit, default 1024.</item>
/// <item><c>rows_per_split</c>: official only; first N rows of each (split, problem type) in file order.</item>
/// <item><c>count_tokens</c>: official only; <c>true</c> (default) counts each prompt's o200k tokens for the CSV.</item>
/// </list>
/// </summary>
public sealed record GraphwalksOptions
{
    public static readonly IReadOnlyList<int> DefaultTokenTargets = [2000, 8000, 32000, 128000];

    public string? SourcePath { get; init; }

    /// <summary>Null = as is (official data only).</summary>
    public GraphwalksPromptVersion? PromptVersion { get; init; }

    public IReadOnlyList<string> ProblemTypes { get; init; } = ["bfs", "parents"];

    public IReadOnlyList<int> TokenTargets { get; init; } = DefaultTokenTargets;

    public int SamplesPerTarget { get; init; } = 5;

    public IReadOnlyList<int> OutDegrees { get; init; } = [1, 2, 3, 4, 5];

    public IReadOnlyList<int> Depths { get; init; } = [1, 2, 3];

    public int MaxOutputTokens { get; init; } = 1024;

    public int? RowsPerSplit { get; init; }

    public bool CountTokens { get; init; } = true;

    public static (int Min, int Max) Bin(int target) => (target - target / 10, target);

    public static GraphwalksOptions From(EvalRequest request)
    {
        var source = request.GetString("source");
        var generated = source is null || string.Equals(source, "generated", StringComparison.OrdinalIgnoreCase);
        var version = request.GetString("prompt_version")?.ToLowerInvariant() switch
        {
            null => generated ? GraphwalksPromptVersion.Fixed : (GraphwalksPromptVersion?)null,
            "fixed" => GraphwalksPromptVersion.Fixed,
            "original" => GraphwalksPromptVersion.Original,
            "as_is" when !generated => null,
            var other => throw new EvalInputException($"graphwalks option 'prompt_version': '{other}' must be fixed or original{(generated ? "" : " or as_is")}"),
        };
        var types = request.GetStringList("problem_types")?.Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList()
            ?? ["bfs", "parents"];
        foreach (var t in types)
        {
            if (t is not ("bfs" or "parents"))
                throw new EvalInputException($"graphwalks option 'problem_types': '{t}' must be bfs or parents");
        }
        var options = new GraphwalksOptions
        {
            SourcePath = generated ? null : source,
            PromptVersion = version,
            ProblemTypes = types,
            TokenTargets = Positive("token_targets", request.GetIntList("token_targets") ?? DefaultTokenTargets),
            SamplesPerTarget = Positive("samples_per_target", [request.GetInt("samples_per_target", 5)])[0],
            OutDegrees = Positive("out_degree", request.GetIntList("out_degree") ?? [1, 2, 3, 4, 5]),
            Depths = Positive("depth", request.GetIntList("depth") ?? [1, 2, 3]),
            MaxOutputTokens = Positive("max_output_tokens", [request.GetInt("max_output_tokens", 1024)])[0],
            RowsPerSplit = request.GetString("rows_per_split") is null ? null : Positive("rows_per_split", [request.GetInt("rows_per_split", 0)])[0],
            CountTokens = request.GetString("count_tokens")?.ToLowerInvariant() switch
            {
                null or "true" or "1" or "yes" => true,
                "false" or "0" or "no" => false,
                var other => throw new EvalInputException($"graphwalks option 'count_tokens': '{other}' must be true or false"),
            },
        };
        return options;
    }

    private static IReadOnlyList<int> Positive(string name, IReadOnlyList<int> values)
    {
        if (values.Count == 0) throw new EvalInputException($"graphwalks option '{name}': empty list");
        foreach (var v in values)
        {
            if (v < 1) throw new EvalInputException($"graphwalks option '{name}': {v} must be at least 1");
        }
        return values;
    }
}
