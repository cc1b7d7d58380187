using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>
/// The oracle for IFEval: recognizes the project's own prompts (exact text of <c>datasets/ifeval/prompts.jsonl</c>)
/// and writes an answer built to satisfy their instructions from the kwargs. It is a composer, not a planner: some
/// rare combinations (e.g. a letter that must appear fewer than N times) can still fail; the simulator tests
/// measure and pin its pass rate. Unknown prompts get a plain, plausible paragraph.
/// </summary>
internal sealed class IfEvalSolver : ITaskSolver
{
    private static readonly Lazy<Dictionary<string, IfEvalPrompt>> ByPrompt = new(() =>
        IfEvalBuiltinPrompts.Load().ToDictionary(p => p.Prompt, StringComparer.Ordinal));

    public string Name => "ifeval";

    public bool Recognizes(IReadOnlyList<ChatMessage> messages) =>
        messages.Count > 0 && ByPrompt.Value.ContainsKey(messages[^1].Content);

    public string Solve(IReadOnlyList<ChatMessage> visibleMessages, ulong seed)
    {
        if (visibleMessages.Count == 0 || !ByPrompt.Value.TryGetValue(visibleMessages[^1].Content, out var prompt))
            return string.Join(' ', IfEvalSolverText.Filler.Take(3));
        return new IfEvalAnswerComposer(prompt, seed).Compose();
    }
}

/// <summary>Builds one answer from a prompt's instruction list; see <see cref="IfEvalSolver"/>.</summary>
internal sealed class IfEvalAnswerComposer
{
    private readonly Dictionary<string, JsonObject> args = new(StringComparer.Ordinal);
    private readonly int offset;

    public IfEvalAnswerComposer(IfEvalPrompt prompt, ulong seed)
    {
        for (int i = 0; i < prompt.InstructionIds.Count; i++) args[prompt.InstructionIds[i]] = prompt.Kwargs[i] ?? new JsonObject();
        offset = (int)((seed ^ (ulong)prompt.Key) % (ulong)IfEvalSolverText.Filler.Length);
    }

    private bool Has(string id) => args.ContainsKey(id);

    private int Int(string id, string name) => args[id][name]!.GetValue<int>();

    private string Str(string id, string name) => args[id][name]!.GetValue<string>();

    private bool AtLeast(string id, string name) => Str(id, name) == "at least";

    public string Compose()
    {
        if (Has("detectable_format:constrained_response")) return Finish(string.Join(' ', ["My answer is yes.", .. Extras()]));
        if (Has("detectable_format:json_format")) return Finish("```json\n{\"answer\": \"" + string.Join(' ', Extras()) + " " + IfEvalSolverText.Filler[offset] + "\"}\n```");
        if (Has("combination:two_responses"))
            return Finish(string.Join(' ', Extras()) + " " + Sentences(2, 0) + "\n******\n" + Sentences(2, 5));
        return Finish(Body());
    }

    // Sentences the keyword, letter, placeholder, highlight and capital-word instructions need, in one place.
    private List<string> Extras()
    {
        var extras = new List<string>();
        if (Has("keywords:existence"))
            extras.Add("Words to keep: " + string.Join(" and ", args["keywords:existence"]["keywords"]!.AsArray().Select(n => n!.GetValue<string>())) + ".");
        if (Has("keywords:frequency") && AtLeast("keywords:frequency", "relation"))
        {
            var word = Str("keywords:frequency", "keyword");
            extras.Add("Think of the " + string.Join(" and the ", Enumerable.Repeat(word, Int("keywords:frequency", "frequency") + 1)) + ".");
        }
        if (Has("keywords:letter_frequency") && AtLeast("keywords:letter_frequency", "let_relation"))
        {
            var letter = Str("keywords:letter_frequency", "letter");
            extras.Add("Marks: " + string.Concat(Enumerable.Repeat(letter, Int("keywords:letter_frequency", "let_frequency") + 1)) + ".");
        }
        if (Has("detectable_content:number_placeholders"))
            extras.Add("Fill in " + string.Join(" and ", Enumerable.Range(1, Int("detectable_content:number_placeholders", "num_placeholders")).Select(i => $"[detail {i}]")) + ".");
        if (Has("detectable_format:number_highlighted_sections"))
            extras.Add("Note " + string.Join(" and ", Enumerable.Range(1, Int("detectable_format:number_highlighted_sections", "num_highlights")).Select(i => $"*point {i}*")) + ".");
        if (Has("change_case:capital_word_frequency") && AtLeast("change_case:capital_word_frequency", "capital_relation"))
            extras.Add("Remember: " + string.Join(' ', Enumerable.Repeat("KEY", Int("change_case:capital_word_frequency", "capital_frequency") + 1)) + ".");
        return extras;
    }

    private string Body()
    {
        var extras = Extras();
        int sentencesWanted = 4;
        if (Has("length_constraints:number_sentences"))
        {
            int n = Int("length_constraints:number_sentences", "num_sentences");
            sentencesWanted = AtLeast("length_constraints:number_sentences", "relation") ? n + 2 : Math.Max(1, n - 2 - extras.Count);
        }
        if (Has("length_constraints:number_words"))
        {
            int n = Int("length_constraints:number_words", "num_words");
            if (AtLeast("length_constraints:number_words", "relation")) sentencesWanted = Math.Max(sentencesWanted, n / 8 + 2);
            else sentencesWanted = Math.Min(sentencesWanted, Math.Max(1, n / 12 - extras.Count));
        }

        List<string> blocks;
        string separator = "\n\n";
        if (Has("language:response_language"))
        {
            var text = IfEvalSolverText.Language(Str("language:response_language", "language"));
            blocks = [text];
            if (Has("detectable_format:number_bullet_lists"))
                blocks = [string.Join('\n', Enumerable.Range(0, Int("detectable_format:number_bullet_lists", "num_bullets")).Select(_ => "* " + text))];
            else if (Has("length_constraints:number_paragraphs"))
            {
                blocks = [.. Enumerable.Repeat(text, Int("length_constraints:number_paragraphs", "num_paragraphs"))];
                separator = "\n\n***\n\n";
            }
            if (extras.Count > 0) blocks[0] = string.Join(' ', extras) + " " + blocks[0];
            if (Has("detectable_format:multiple_sections"))
            {
                var splitter = Str("detectable_format:multiple_sections", "section_spliter");
                blocks = [.. Enumerable.Range(1, Int("detectable_format:multiple_sections", "num_sections"))
                    .Select(i => $"{splitter} {i.ToString(CultureInfo.InvariantCulture)}\n{(i == 1 ? blocks[0] : text)}")];
            }
        }
        else if (Has("detectable_format:number_bullet_lists"))
        {
            int n = Int("detectable_format:number_bullet_lists", "num_bullets");
            blocks = [string.Join(' ', extras) + " " + Sentences(Math.Max(1, sentencesWanted - n), 0),
                string.Join('\n', Enumerable.Range(0, n).Select(i => "* " + Sentences(1, i + 3)))];
        }
        else
        {
            int paragraphs = 1;
            if (Has("length_constraints:number_paragraphs"))
            {
                paragraphs = Int("length_constraints:number_paragraphs", "num_paragraphs");
                separator = "\n\n***\n\n";
            }
            else if (Has("length_constraints:nth_paragraph_first_word")) paragraphs = Int("length_constraints:nth_paragraph_first_word", "num_paragraphs");
            else if (Has("detectable_format:multiple_sections")) paragraphs = Int("detectable_format:multiple_sections", "num_sections");
            int per = Math.Max(1, sentencesWanted / paragraphs);
            blocks = [.. Enumerable.Range(0, paragraphs).Select(p => Sentences(per, p * per))];
            if (extras.Count > 0) blocks[0] = string.Join(' ', extras) + " " + blocks[0];
            if (Has("length_constraints:nth_paragraph_first_word"))
            {
                int nth = Int("length_constraints:nth_paragraph_first_word", "nth_paragraph") - 1;
                var word = Str("length_constraints:nth_paragraph_first_word", "first_word");
                blocks[nth] = char.ToUpperInvariant(word[0]) + word[1..] + " " + char.ToLowerInvariant(blocks[nth][0]) + blocks[nth][1..];
            }
            if (Has("detectable_format:multiple_sections"))
            {
                var splitter = Str("detectable_format:multiple_sections", "section_spliter");
                blocks = [.. blocks.Select((b, i) => $"{splitter} {(i + 1).ToString(CultureInfo.InvariantCulture)}\n{b}")];
            }
        }
        return string.Join(separator, blocks);
    }

    private static string Sentences(int count, int start) =>
        string.Join(' ', Enumerable.Range(start, count).Select(i => IfEvalSolverText.Filler[i % IfEvalSolverText.Filler.Length]));

    // Wrapping instructions that apply to any body: title, postscript, end phrase, repeat, case, quotes. Single
    // newlines keep the added lines inside the first or last paragraph, so paragraph counts stay right.
    private string Finish(string body)
    {
        var text = new StringBuilder();
        if (Has("combination:repeat_prompt")) text.Append(Str("combination:repeat_prompt", "prompt_to_repeat")).Append("\n\n");
        // A title line would become the first word of paragraph 1, so it goes last when first words are checked.
        bool titleLast = Has("length_constraints:nth_paragraph_first_word");
        if (Has("detectable_format:title") && !titleLast) text.Append("<<A Short Answer>>\n");
        text.Append(body);
        if (Has("detectable_format:title") && titleLast) text.Append("\n<<A Short Answer>>");
        if (Has("detectable_content:postscript"))
            text.Append('\n').Append(Str("detectable_content:postscript", "postscript_marker") == "P.P.S" ? "P.P.S." : "P.S.").Append(" Thank you for the question.");
        if (Has("startend:end_checker")) text.Append('\n').Append(Str("startend:end_checker", "end_phrase"));
        var result = text.ToString();
        if (Has("change_case:english_capital")) result = result.ToUpperInvariant();
        if (Has("change_case:english_lowercase")) result = result.ToLowerInvariant();
        if (Has("punctuation:no_comma")) result = result.Replace(",", "", StringComparison.Ordinal);
        if (Has("startend:quotation")) result = "\"" + result + "\"";
        return result;
    }
}
