using System.Text.Json.Nodes;
using System.Text.Json;

namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>
/// Typed access to one instruction's kwargs (spec §2.2). Null-valued keys are dropped first (columnar copies of the
/// dataset list every parameter with null); after building, <see cref="RejectUnknown"/> reports any key the
/// instruction does not take, as Google's builders do. Missing parameters are rejected rather than drawn at random.
/// </summary>
internal sealed class InstructionKwargs
{
    private readonly Dictionary<string, JsonNode> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    public InstructionKwargs(string instructionId, JsonObject? kwargs, string where)
    {
        InstructionId = instructionId;
        Where = where;
        if (kwargs is null) return;
        foreach (var (name, value) in kwargs)
        {
            if (value is not null) values[name] = value;
        }
    }

    public string InstructionId { get; }

    public string Where { get; }

    public string String(string name)
    {
        var node = Require(name);
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String) return v.GetValue<string>();
        throw Error(name, "must be a string");
    }

    public int Int(string name)
    {
        var node = Require(name);
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            if (v.TryGetValue<int>(out var i)) return i;
            if (v.TryGetValue<double>(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue) return (int)d;
        }
        throw Error(name, "must be an integer");
    }

    public IReadOnlyList<string> StringList(string name)
    {
        var node = Require(name);
        if (node is not JsonArray array) throw Error(name, "must be a list of strings");
        var list = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is JsonValue v && v.GetValueKind() == JsonValueKind.String) list.Add(v.GetValue<string>());
            else throw Error(name, "must be a list of strings");
        }
        return list;
    }

    /// <summary>A relation kwarg: the reference accepts exactly <c>less than</c> or <c>at least</c>.</summary>
    public Relation Relation(string name) => String(name) switch
    {
        "less than" => IfEval.Relation.LessThan,
        "at least" => IfEval.Relation.AtLeast,
        var other => throw Error(name, $"'{other}' is not \"less than\" or \"at least\""),
    };

    public void RejectUnknown()
    {
        foreach (var name in values.Keys.Order(StringComparer.Ordinal))
        {
            if (!used.Contains(name)) throw new EvalInputException($"{Where}: instruction '{InstructionId}' does not take kwarg '{name}'");
        }
    }

    public EvalInputException Error(string name, string problem) =>
        new($"{Where}: instruction '{InstructionId}': kwarg '{name}' {problem}");

    private JsonNode Require(string name)
    {
        used.Add(name);
        return values.TryGetValue(name, out var node) ? node : throw Error(name, "is required");
    }
}

internal enum Relation
{
    LessThan,
    AtLeast,
}

internal static class RelationExtensions
{
    public static bool Holds(this Relation relation, int count, int threshold) =>
        relation == Relation.LessThan ? count < threshold : count >= threshold;
}
