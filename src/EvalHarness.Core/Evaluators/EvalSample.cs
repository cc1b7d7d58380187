using System.Text.Json.Nodes;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Evaluators;

/// <summary>
/// A sample: a stable id, the messages to send, the truth the scorer needs, and grouping labels.
/// Truth and labels are JSON objects because they are written as-is to the prompts JSONL contract
/// (<c>{"id","eval","messages","truth","labels"}</c>); JsonObject keeps insertion order, which keeps output deterministic.
/// </summary>
public sealed class EvalSample
{
    public required string Id { get; init; }

    public required string Eval { get; init; }

    private readonly IReadOnlyList<ChatMessage>? _messages;

    /// <summary>
    /// The messages to send. For a sample spilled by a <see cref="PromptSpillStore"/> each read loads them from its file
    /// (one allocation of the prompt's size, nothing cached): read once into a local where it is used twice.
    /// </summary>
    public required IReadOnlyList<ChatMessage> Messages
    {
        get => Spilled is { } spilled ? spilled.Read() : _messages!;
        init => _messages = value;
    }

    /// <summary>Where the messages live when they were spilled (then nothing else holds them in memory).</summary>
    internal SpilledMessages? Spilled { get; private init; }

    /// <summary>The messages live in a <see cref="PromptSpillStore"/> file, read back on each use.</summary>
    public bool IsSpilled => Spilled is not null;

    /// <summary>Summary group label, e.g. <c>ctx=4000;depth=50</c>. Never "all" (reserved for the aggregate row).</summary>
    public required string Group { get; init; }

    /// <summary>What the scorer needs (needle values, gold answer, answer nodes, instruction kwargs...).</summary>
    public JsonObject Truth { get; init; } = new();

    /// <summary>Grouping and descriptive values, also written as samples.csv columns of the same name.</summary>
    public JsonObject Labels { get; init; } = new();

    /// <summary>Per-sample output limit; null means the model's configured default.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Per-sample temperature; null means the model's configured default.</summary>
    public double? Temperature { get; init; }

    /// <summary>Optional cluster id for clustered standard errors (samples sharing a haystack or a prompt).</summary>
    public string? Cluster { get; init; }

    /// <summary>This sample with its messages in <paramref name="spilled"/> instead of memory.</summary>
    internal EvalSample WithSpilledMessages(SpilledMessages spilled) => new()
    {
        Id = Id,
        Eval = Eval,
        Messages = [],
        Spilled = spilled,
        Group = Group,
        Truth = Truth,
        Labels = Labels,
        MaxOutputTokens = MaxOutputTokens,
        Temperature = Temperature,
        Cluster = Cluster,
    };
}

/// <summary>The verdict on one response.</summary>
/// <param name="Score">Headline score in [0, 1].</param>
/// <param name="Passed">Pass/fail view of the same verdict (e.g. score == 1, or strict prompt-level pass).</param>
/// <param name="Columns">Evaluator-specific values for samples.csv (invariant-culture strings, lists <c>|</c>-joined).</param>
public sealed record SampleScore(double Score, bool Passed, IReadOnlyDictionary<string, string> Columns)
{
    public static SampleScore Of(double score, bool passed) => new(score, passed, new Dictionary<string, string>());
}
