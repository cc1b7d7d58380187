using EvalHarness.Core.Text;
namespace EvalHarness.Core.Evaluators.IfEval.Instructions;

/// <summary>
/// <c>combination:two_responses</c> (§4.18): exactly two non-blank pieces around <c>******</c>, different once
/// stripped; a blank piece in the middle fails.
/// </summary>
internal sealed class TwoResponses : IfEvalInstruction
{
    public override string Id => "combination:two_responses";

    public override bool Check(string text)
    {
        var pieces = text.Split("******");
        var valid = new List<string>(2);
        for (int i = 0; i < pieces.Length; i++)
        {
            if (IfEvalText.IsBlank(pieces[i]))
            {
                if (i != 0 && i != pieces.Length - 1) return false;
            }
            else
            {
                valid.Add(pieces[i]);
            }
        }
        return valid.Count == 2 && !string.Equals(PythonText.Strip(valid[0]), PythonText.Strip(valid[1]), StringComparison.Ordinal);
    }
}

/// <summary><c>combination:repeat_prompt</c> (§4.19): the stripped, lowered text starts with the kwarg text.</summary>
internal sealed class RepeatPrompt : IfEvalInstruction
{
    private readonly string prefix;

    internal RepeatPrompt(InstructionKwargs kwargs) =>
        prefix = PythonText.Lower(PythonText.Strip(kwargs.String("prompt_to_repeat")));

    public override string Id => "combination:repeat_prompt";

    public override bool Check(string text) =>
        PythonText.Lower(PythonText.Strip(text)).StartsWith(prefix, StringComparison.Ordinal);
}
