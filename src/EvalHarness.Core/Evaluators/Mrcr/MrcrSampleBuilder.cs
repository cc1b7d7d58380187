using System.Globalization;
using System.Text.Json.Nodes;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Evaluators.Mrcr;

/// <summary>Turns the fields of a generated or official row into an <see cref="EvalSample"/> (labels in column order).</summary>
internal static class MrcrSampleBuilder
{
    public const string OutOfRangeBelow = "below-4096";
    public const string OutOfRangeAbove = "above-1048576";

    public static EvalSample Build(
        string id,
        IReadOnlyList<ChatMessage> messages,
        string answer,
        string hash,
        int nNeedles,
        MrcrBin? bin,
        long contextTokens,
        int totalMessages,
        int desiredMsgIndex,
        long nChars,
        string datasetVersion,
        string dateAdded,
        int maxOutputTokens)
    {
        var binLabel = bin?.Label ?? (contextTokens < MrcrBin.All[0].Lo ? OutOfRangeBelow : OutOfRangeAbove);
        return new EvalSample
        {
            Id = id,
            Eval = MrcrEvaluator.EvalName,
            Messages = messages,
            Group = string.Create(CultureInfo.InvariantCulture, $"n={nNeedles};bin={binLabel}"),
            Truth = new JsonObject
            {
                ["answer"] = answer,
                ["random_string_to_prepend"] = hash,
            },
            Labels = new JsonObject
            {
                ["n_needles"] = nNeedles,
                ["bin"] = binLabel,
                ["bin_lo"] = bin is null ? null : bin.Lo,
                ["bin_hi"] = bin is null ? null : bin.Hi,
                ["context_tokens"] = contextTokens,
                ["total_messages"] = totalMessages,
                ["desired_msg_index"] = desiredMsgIndex,
                ["n_chars"] = nChars,
                ["dataset_version"] = datasetVersion,
                ["date_added"] = dateAdded,
            },
            MaxOutputTokens = maxOutputTokens,
        };
    }
}
