namespace EvalHarness.Core.Evaluators.Mrcr;

/// <summary>
/// The options <see cref="MrcrEvaluator"/> reads from <see cref="EvalRequest.Options"/>:
/// <list type="bullet">
/// <item><c>source</c>: <c>generated</c> (default) or a path to the official set (a directory with the v1 or v2
/// layout, or one parquet file) or to JSONL with the same columns.</item>
/// <item><c>n_needles</c>: subset of <c>2,4,8</c> (default all three).</item>
/// <item><c>bins</c>: card bins as <c>lo-hi</c> or upper edges, e.g. <c>4096-8192,131072</c> or <c>128k</c>, or
/// <c>all</c>. Default: generated = the five bins up to 131072; official = all eight.</item>
/// <item><c>max_context_tokens</c>: drop rows (official) or cap sizes (generated) above this many o200k tokens of
/// prompt + answer contents.</item>
/// <item><c>rows_per_bin</c> (alias <c>samples_per_bin</c>): rows per (n_needles, bin); default generated = 2,
/// official = all.</item>
/// <item><c>max_output_tokens</c>: per-sample output limit, default 2048 (gold answers are a few hundred tokens;
/// reasoning models may need more).</item>
/// <item><c>dataset_version</c>: <c>v1</c> or <c>v2</c> when a directory holds both layouts (default v2).</item>
/// </list>
/// </summary>
public sealed record MrcrOptions
{
    public const string Generated = "generated";
    public const int DefaultMaxOutputTokens = 2048;
    public const int DefaultGeneratedRowsPerBin = 2;

    /// <summary>null = generated.</summary>
    public string? SourcePath { get; init; }

    public IReadOnlyList<int> NNeedles { get; init; } = [2, 4, 8];

    public IReadOnlyList<MrcrBin> Bins { get; init; } = MrcrBin.All;

    /// <summary>True when the user named the bins (official rows outside them are then dropped).</summary>
    public bool BinsExplicit { get; init; }

    public int? MaxContextTokens { get; init; }

    /// <summary>null = all rows.</summary>
    public int? RowsPerBin { get; init; }

    public int MaxOutputTokens { get; init; } = DefaultMaxOutputTokens;

    public string? DatasetVersion { get; init; }

    public bool IsGenerated => SourcePath is null;

    public static MrcrOptions From(EvalRequest request)
    {
        var source = request.GetString("source");
        var generated = source is null || string.Equals(source, Generated, StringComparison.OrdinalIgnoreCase);

        var needles = request.GetIntList("n_needles") ?? [2, 4, 8];
        if (needles.Count == 0 || needles.Any(n => n is not (2 or 4 or 8)))
            throw new EvalInputException($"option 'n_needles': '{request.GetString("n_needles")}' must list 2, 4 and/or 8");
        needles = [.. needles.Distinct().Order()];

        var binsText = request.GetString("bins");
        var bins = binsText is null
            ? generated ? MrcrBin.All.Take(5).ToList() : MrcrBin.All
            : MrcrBin.Parse(binsText);

        int? maxContext = request.GetString("max_context_tokens") is null ? null : request.GetInt("max_context_tokens", 0);
        if (maxContext is < 1) throw new EvalInputException("option 'max_context_tokens': must be positive");
        if (maxContext is { } cap && generated)
        {
            // A generated bin needs some room above its lower edge; bins entirely above the cap are dropped.
            bins = [.. bins.Where(b => Math.Min(b.Hi, cap) - b.Lo >= 2048)];
            if (bins.Count == 0) throw new EvalInputException($"option 'max_context_tokens': {cap} leaves no bin to generate (the smallest is {MrcrBin.All[0].Label})");
        }

        var rowsName = request.GetString("rows_per_bin") is not null ? "rows_per_bin" : "samples_per_bin";
        int? rows = request.GetString(rowsName) is null ? (generated ? DefaultGeneratedRowsPerBin : null) : request.GetInt(rowsName, 0);
        if (rows is < 1) throw new EvalInputException($"option '{rowsName}': must be positive");

        var maxOut = request.GetInt("max_output_tokens", DefaultMaxOutputTokens);
        if (maxOut < 1) throw new EvalInputException("option 'max_output_tokens': must be positive");

        var version = request.GetString("dataset_version")?.ToLowerInvariant();
        return new MrcrOptions
        {
            SourcePath = generated ? null : source,
            NNeedles = needles,
            Bins = bins,
            BinsExplicit = binsText is not null,
            MaxContextTokens = maxContext,
            RowsPerBin = rows,
            MaxOutputTokens = maxOut,
            DatasetVersion = version,
        };
    }
}
