using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators.IfEval.Instructions;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>
/// IFEval (Zhou et al. 2023): verifiable formatting instructions, scored like Google's checker.
/// Options: <c>source</c> = <c>builtin</c> (default; the project's own prompt set) or a path to an official
/// <c>input_data.jsonl</c>; <c>max_output_tokens</c> (default 1024).
/// Score and passed = strict prompt-level pass; the per-instruction strict and loose verdicts are columns, and
/// <see cref="IfEvalMetrics"/> computes the four official metrics from <see cref="ScoreDetailed"/> results.
/// </summary>
internal sealed class IfEvalEvaluator : IEvaluator
{
    public const string BuiltinSource = "builtin";

    private readonly IfEvalScorer scorer;
    private readonly ConditionalWeakTable<JsonObject, IReadOnlyList<IfEvalInstruction>> built = new();

    /// <summary>
    /// Locates the reference models (<see cref="IfEvalOptions.NltkData"/> or <c>NLTK_DATA</c>,
    /// <see cref="IfEvalOptions.LangdetectProfiles"/> or <c>LANGDETECT_PROFILES</c>) and falls back to the built-in
    /// approximations; <see cref="SentenceSplitterMode"/> and <see cref="LanguageDetectorMode"/> say which loaded.
    /// </summary>
    public IfEvalEvaluator(IfEvalOptions? options = null)
        : this(IfEvalTools.Locate(options?.NltkData, options?.LangdetectProfiles))
    {
    }

    public IfEvalEvaluator(IfEvalTools tools)
        : this(tools, tools.SentenceSplitter.Mode, tools.LanguageDetector.Mode)
    {
    }

    /// <summary>Scores with any <see cref="IIfEvalTools"/> (e.g. a test double); the mode strings are reported as-is.</summary>
    public IfEvalEvaluator(IIfEvalTools tools, string sentenceSplitterMode, string languageDetectorMode)
    {
        scorer = new IfEvalScorer(tools);
        SentenceSplitterMode = sentenceSplitterMode;
        LanguageDetectorMode = languageDetectorMode;
    }

    public string Name => "ifeval";

    public string Description => "IFEval: verifiable instructions (format, length, keywords, case, language), strict and loose";

    /// <summary>Which sentence splitter the checks use: <c>reference</c> (Punkt with NLTK's model) or <c>builtin</c>.</summary>
    public string SentenceSplitterMode { get; }

    /// <summary>Which language detector the checks use: <c>reference</c> (langdetect profiles) or <c>builtin</c>.</summary>
    public string LanguageDetectorMode { get; }

    public IfEvalScorer Scorer => scorer;

    /// <summary>Manifest details: the prompt source and which text models (reference or built-in) the checks use.</summary>
    public Task<JsonObject> DescribeAsync(EvalRequest request, CancellationToken cancellationToken) => Task.FromResult(new JsonObject
    {
        ["source"] = request.GetString("source") ?? BuiltinSource,
        ["sentence_splitter"] = SentenceSplitterMode,
        ["language_detector"] = LanguageDetectorMode,
    });

    public async IAsyncEnumerable<EvalSample> GetSamples(EvalRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prompts = LoadPrompts(request);
        int maxTokens = request.GetInt("max_output_tokens", 1024);
        if (maxTokens <= 0) throw new EvalInputException($"option 'max_output_tokens': {maxTokens} must be positive");
        int count = 0;
        foreach (var prompt in prompts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (request.Limit is { } limit && count >= limit) yield break;
            scorer.Build(prompt); // validates the kwargs up front: bad input fails before any model call
            count++;
            yield return ToSample(prompt, maxTokens);
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>The prompts named by the <c>source</c> option.</summary>
    public static IReadOnlyList<IfEvalPrompt> LoadPrompts(EvalRequest request)
    {
        var source = request.GetString("source") ?? BuiltinSource;
        return string.Equals(source, BuiltinSource, StringComparison.OrdinalIgnoreCase)
            ? IfEvalBuiltinPrompts.Load()
            : IfEvalFiles.ReadInput(source);
    }

    public EvalSample ToSample(IfEvalPrompt prompt, int maxOutputTokens) => new()
    {
        Id = prompt.Key.ToString(CultureInfo.InvariantCulture),
        Eval = Name,
        Messages = [new ChatMessage("user", prompt.Prompt)],
        Group = prompt.InstructionIds.Count > 0 ? IfEvalRegistry.Category(prompt.InstructionIds[0]) : "none",
        Truth = prompt.ToTruth(),
        Labels = new JsonObject
        {
            ["instruction_ids"] = string.Join('|', prompt.InstructionIds),
            ["n_instructions"] = prompt.InstructionIds.Count,
        },
        MaxOutputTokens = maxOutputTokens,
        Cluster = prompt.Key.ToString(CultureInfo.InvariantCulture),
    };

    public SampleScore Score(EvalSample sample, string responseText)
    {
        var result = ScoreDetailed(sample, responseText);
        var columns = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["instruction_ids"] = string.Join('|', result.InstructionIds),
            ["strict_verdicts"] = Join(result.Strict),
            ["loose_verdicts"] = Join(result.Loose),
            ["prompt_strict"] = Bool(result.PromptStrict),
            ["prompt_loose"] = Bool(result.PromptLoose),
            ["n_instructions"] = result.InstructionIds.Count.ToString(CultureInfo.InvariantCulture),
        };
        return new SampleScore(result.PromptStrict ? 1 : 0, result.PromptStrict, columns);
    }

    /// <summary>Both modes' verdicts for one sample, for <see cref="IfEvalMetrics"/>.</summary>
    public IfEvalPromptResult ScoreDetailed(EvalSample sample, string? responseText)
    {
        var prompt = FromSample(sample);
        var instructions = built.GetValue(sample.Truth, _ => scorer.Build(prompt));
        return IfEvalScorer.Score(prompt, instructions, responseText);
    }

    private static IfEvalPrompt FromSample(EvalSample sample)
    {
        var messages = sample.Messages;
        var row = new JsonObject
        {
            ["key"] = long.TryParse(sample.Id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var key) ? key : 0,
            ["prompt"] = messages.Count > 0 ? messages[^1].Content : "",
            ["instruction_id_list"] = sample.Truth["instruction_id_list"]?.DeepClone(),
            ["kwargs"] = sample.Truth["kwargs"]?.DeepClone(),
        };
        return IfEvalFiles.ParsePrompt(row, $"sample {sample.Id} truth");
    }

    private static string Join(IReadOnlyList<bool> verdicts) => string.Join('|', verdicts.Select(Bool));

    private static string Bool(bool b) => b ? "true" : "false";
}
