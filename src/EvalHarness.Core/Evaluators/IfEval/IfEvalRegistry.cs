using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators.IfEval.Instructions;

namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>The 25 registered instruction ids (spec §3) and how each is built from its kwargs (§2.2).</summary>
internal static class IfEvalRegistry
{
    private static readonly Dictionary<string, Func<InstructionKwargs, IIfEvalTools, IfEvalInstruction>> Builders =
        new(StringComparer.Ordinal)
        {
            ["keywords:existence"] = (k, _) => new KeywordExistence(k),
            ["keywords:frequency"] = (k, _) => new KeywordFrequency(k),
            ["keywords:forbidden_words"] = (k, _) => new ForbiddenWords(k),
            ["keywords:letter_frequency"] = (k, _) => new LetterFrequency(k),
            ["language:response_language"] = (k, t) => new ResponseLanguage(k, t),
            ["length_constraints:number_sentences"] = (k, t) => new NumberSentences(k, t),
            ["length_constraints:number_paragraphs"] = (k, _) => new NumberParagraphs(k),
            ["length_constraints:number_words"] = (k, _) => new NumberWords(k),
            ["length_constraints:nth_paragraph_first_word"] = (k, _) => new NthParagraphFirstWord(k),
            ["detectable_content:number_placeholders"] = (k, _) => new NumberPlaceholders(k),
            ["detectable_content:postscript"] = (k, _) => new Postscript(k),
            ["detectable_format:number_bullet_lists"] = (k, _) => new NumberBulletLists(k),
            ["detectable_format:constrained_response"] = (_, _) => new ConstrainedResponse(),
            ["detectable_format:number_highlighted_sections"] = (k, _) => new NumberHighlightedSections(k),
            ["detectable_format:multiple_sections"] = (k, _) => new MultipleSections(k),
            ["detectable_format:json_format"] = (_, _) => new JsonFormat(),
            ["detectable_format:title"] = (_, _) => new Title(),
            ["combination:two_responses"] = (_, _) => new TwoResponses(),
            ["combination:repeat_prompt"] = (k, _) => new RepeatPrompt(k),
            ["startend:end_checker"] = (k, _) => new EndChecker(k),
            ["startend:quotation"] = (_, _) => new Quotation(),
            ["change_case:capital_word_frequency"] = (k, t) => new CapitalWordFrequency(k, t),
            ["change_case:english_capital"] = (_, t) => new EnglishCapital(t),
            ["change_case:english_lowercase"] = (_, t) => new EnglishLowercase(t),
            ["punctuation:no_comma"] = (_, _) => new NoComma(),
        };

    public static IReadOnlyCollection<string> Ids => Builders.Keys;

    /// <summary>
    /// Builds one instruction. Throws <see cref="EvalInputException"/> (prefixed with <paramref name="where"/>, e.g.
    /// "input_data.jsonl line 3: instruction 2") for an unknown id, a missing or mistyped parameter or an unknown one.
    /// </summary>
    public static IfEvalInstruction Build(string id, JsonObject? kwargs, IIfEvalTools tools, string where)
    {
        if (!Builders.TryGetValue(id, out var build)) throw new EvalInputException($"{where}: unknown instruction id '{id}'");
        var args = new InstructionKwargs(id, kwargs, where);
        var instruction = build(args, tools);
        args.RejectUnknown();
        return instruction;
    }

    /// <summary>The category of an id: the text before ':' (e.g. <c>detectable_format</c>).</summary>
    public static string Category(string id)
    {
        int colon = id.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? id : id[..colon];
    }
}
