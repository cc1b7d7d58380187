namespace EvalHarness.Core.Evaluators.Mrcr.Official;

/// <summary>Column names of the official set (the JSONL variant uses the same keys).</summary>
internal static class MrcrColumns
{
    public const string Prompt = "prompt";
    public const string Answer = "answer";
    public const string Hash = "random_string_to_prepend";
    public const string NNeedles = "n_needles";
    public const string DesiredMsgIndex = "desired_msg_index";
    public const string TotalMessages = "total_messages";
    public const string NChars = "n_chars";
    public const string DateAdded = "date_added";
}

/// <summary>The cheap columns of a row, for filtering before the (large) prompt is materialized.</summary>
/// <param name="NChars">The <c>n_chars</c> column, or null when the file lacks it.</param>
internal sealed record MrcrRowHeader(int NNeedles, long? NChars);
