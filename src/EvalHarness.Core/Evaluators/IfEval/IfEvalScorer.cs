using EvalHarness.Core.Evaluators.IfEval.Instructions;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>
/// Strict and loose scoring (spec §2.3, §2.4) of responses against IFEval prompts, with the reference's prompt
/// matching (§2.1). Instructions are stateless, so one built set serves both modes and every response.
/// </summary>
internal sealed class IfEvalScorer(IIfEvalTools tools)
{
    public IIfEvalTools Tools => tools;

    /// <summary>Builds the prompt's instructions, validating every kwargs object (throws <see cref="EvalInputException"/>).</summary>
    public IReadOnlyList<IfEvalInstruction> Build(IfEvalPrompt prompt)
    {
        var list = new IfEvalInstruction[prompt.InstructionIds.Count];
        for (int i = 0; i < list.Length; i++)
        {
            var where = $"{(prompt.Source.Length > 0 ? prompt.Source : $"key {prompt.Key}")}: kwargs[{i}]";
            list[i] = IfEvalRegistry.Build(prompt.InstructionIds[i], prompt.Kwargs[i], tools, where);
        }
        return list;
    }

    /// <summary>Scores one response (null = empty) in both modes.</summary>
    public IfEvalPromptResult Score(IfEvalPrompt prompt, string? response) => Score(prompt, Build(prompt), response);

    public static IfEvalPromptResult Score(IfEvalPrompt prompt, IReadOnlyList<IfEvalInstruction> instructions, string? response)
    {
        response ??= "";
        bool nonEmpty = !IfEvalText.IsBlank(response);
        string[]? variants = null;
        var strict = new bool[instructions.Count];
        var loose = new bool[instructions.Count];
        for (int i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            strict[i] = nonEmpty && instruction.Check(response);
            // Variant 1 is the response itself, so a strict pass is a loose pass without further checks.
            if (strict[i])
            {
                loose[i] = true;
                continue;
            }
            variants ??= DistinctNonBlank(LooseVariants(response));
            for (int v = 0; v < variants.Length && !loose[i]; v++)
            {
                loose[i] = instruction.Check(variants[v]);
            }
        }
        return new IfEvalPromptResult(prompt.Key, prompt.InstructionIds, strict, loose);
    }

    // Variants 2-8 that are non-blank and differ from every earlier variant (including the response itself, already
    // checked in strict mode): checks are pure, so a repeated text cannot change the verdict. Responses without '*'
    // or with one line repeat most variants, and the langdetect and tokenizer checks are the costly ones.
    private static string[] DistinctNonBlank(string[] variants)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { variants[0] };
        return [.. variants.Skip(1).Where(v => !IfEvalText.IsBlank(v) && seen.Add(v))];
    }

    /// <summary>The eight loose-mode texts in the reference's order (§2.4); only U+002A is removed.</summary>
    public static string[] LooseVariants(string response)
    {
        var lines = response.Split('\n');
        string Join(int from, int toExclusive) =>
            toExclusive <= from ? "" : PythonText.Strip(string.Join('\n', lines, from, toExclusive - from));
        var noFirst = Join(1, lines.Length);
        var noLast = Join(0, lines.Length - 1);
        var noBoth = Join(1, lines.Length - 1);
        return
        [
            response,
            response.Replace("*", "", StringComparison.Ordinal),
            noFirst,
            noLast,
            noBoth,
            noFirst.Replace("*", "", StringComparison.Ordinal),
            noLast.Replace("*", "", StringComparison.Ordinal),
            noBoth.Replace("*", "", StringComparison.Ordinal),
        ];
    }

    /// <summary>
    /// <c>evalharness score --eval ifeval --input-data FILE --responses FILE</c>: reads both official files and scores
    /// every prompt (see <see cref="ScoreResponses"/>); <see cref="IfEvalMetrics.From"/> gives the four metrics.
    /// </summary>
    public IReadOnlyList<IfEvalPromptResult> ScoreFiles(string inputDataPath, string responsesPath) =>
        ScoreResponses(IfEvalFiles.ReadInput(inputDataPath), IfEvalFiles.ReadResponses(responsesPath));

    /// <summary>
    /// Scores a response file against input rows. Each input is matched by its exact prompt text (a later duplicate
    /// response wins); an input whose prompt is absent falls back to the response on the same row when that row's
    /// prompt matches no input (Google's GPT-4 file has a stale prompt for key 2785). Results follow input order.
    /// </summary>
    public IReadOnlyList<IfEvalPromptResult> ScoreResponses(IReadOnlyList<IfEvalPrompt> inputs, IReadOnlyList<IfEvalResponseRow> responses)
    {
        var matched = MatchResponses(inputs, responses);
        var results = new IfEvalPromptResult[inputs.Count];
        for (int i = 0; i < inputs.Count; i++) results[i] = Score(inputs[i], matched[i]);
        return results;
    }

    /// <summary>The response for each input, in input order, by the matching rule of <see cref="ScoreResponses"/>.</summary>
    public static IReadOnlyList<string?> MatchResponses(IReadOnlyList<IfEvalPrompt> inputs, IReadOnlyList<IfEvalResponseRow> responses)
    {
        var byPrompt = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var row in responses) byPrompt[row.Prompt] = row.Response;
        var inputPrompts = new HashSet<string>(inputs.Select(p => p.Prompt), StringComparer.Ordinal);
        var matched = new string?[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            var prompt = inputs[i];
            if (!byPrompt.TryGetValue(prompt.Prompt, out var response))
            {
                if (responses.Count != inputs.Count || inputPrompts.Contains(responses[i].Prompt))
                    throw new EvalInputException($"responses: no response for the prompt of key {prompt.Key} ({prompt.Source})");
                response = responses[i].Response;
            }
            matched[i] = response;
        }
        return matched;
    }
}
