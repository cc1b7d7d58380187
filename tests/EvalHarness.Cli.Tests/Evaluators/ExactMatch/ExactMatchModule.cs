using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core;
using EvalHarness.Core.Models;

namespace EvalHarness.Cli.Tests.Evaluators.ExactMatch;

/// <summary>
/// A minimal eval added from outside src: "repeat this word", scored by exact match. Everything it needs is in this
/// folder (options, columns, samples, scoring, the simulator's solver); registering it is one line.
/// </summary>
public sealed class ExactMatchModule : EvalModule<ExactMatchOptions>
{
    public const string EvalName = "exact";

    public override string Name => EvalName;

    public override string Description => "Exact match: repeat one word verbatim (a test eval)";

    public override IReadOnlyList<OptionDescriptor> Options { get; } =
        [new("n", OptionType.Integer, "6", "Number of samples")];

    public override IReadOnlyList<ColumnDescriptor> Columns { get; } =
    [
        new("target_word", ColumnType.Text, "", "The word to repeat"),
        new("exact_match", ColumnType.Boolean, "", "The trimmed response equals the word"),
    ];

    public override ITaskSolver Solver { get; } = new ExactMatchSolver();

    public override ReportSectionSpec ReportSection { get; } = new("Exact match", "Share of words repeated verbatim.", [new GroupTableView("Score", "")]);

    public override ExactMatchOptions ParseOptions(EvalRequest request)
    {
        var n = request.GetInt("n", 6);
        return n is >= 1 and <= 100 ? new ExactMatchOptions(n) : throw new EvalInputException($"exact option 'n': {n} is outside 1..100");
    }

    protected override IEvaluator CreateEvaluator(ExactMatchOptions options) => new ExactMatchEvaluator(options);

    public override string PromptSummary(EvalSample sample) => "repeat one word";

    public override string ExpectedAnswer(EvalSample sample) => sample.Truth["word"]?.ToString() ?? "";
}

public sealed record ExactMatchOptions(int Samples);

public sealed class ExactMatchEvaluator(ExactMatchOptions options) : IEvaluator
{
    public const string Instruction = "Repeat exactly this word and nothing else: ";

    private static readonly string[] Words = ["harbor", "lantern", "meadow", "quartz", "saffron", "thistle", "velvet", "willow", "ember", "granite"];

    public string Name => ExactMatchModule.EvalName;

    public string Description => "Exact match: repeat one word verbatim (a test eval)";

    public async IAsyncEnumerable<EvalSample> GetSamples(EvalRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        for (var i = 0; i < options.Samples; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var word = Words[(i + request.Seed) % Words.Length];
            yield return new EvalSample
            {
                Id = "w" + i.ToString(CultureInfo.InvariantCulture),
                Eval = Name,
                Messages = [new ChatMessage("user", Instruction + word)],
                Group = i % 2 == 0 ? "even" : "odd",
                Truth = new JsonObject { ["word"] = word },
                Labels = new JsonObject { ["target_word"] = word },
                MaxOutputTokens = 16,
            };
        }
    }

    public SampleScore Score(EvalSample sample, string responseText)
    {
        var match = string.Equals(responseText.Trim(), sample.Truth["word"]?.ToString(), StringComparison.Ordinal);
        return new SampleScore(match ? 1 : 0, match, new Dictionary<string, string> { ["exact_match"] = match ? "true" : "false" });
    }
}

/// <summary>The simulator's answer: the word after the instruction.</summary>
public sealed class ExactMatchSolver : ITaskSolver
{
    public string Name => ExactMatchModule.EvalName;

    public bool Recognizes(IReadOnlyList<ChatMessage> messages) =>
        messages.Count > 0 && messages[^1].Content.StartsWith(ExactMatchEvaluator.Instruction, StringComparison.Ordinal);

    public string Solve(IReadOnlyList<ChatMessage> visibleMessages, ulong seed) =>
        visibleMessages.Count == 0 ? "" : visibleMessages[^1].Content[ExactMatchEvaluator.Instruction.Length..];
}
