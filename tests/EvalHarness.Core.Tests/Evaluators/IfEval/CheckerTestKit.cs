using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators.IfEval;
using EvalHarness.Core.Evaluators.IfEval.Instructions;

namespace EvalHarness.Core.Tests.Evaluators.IfEval;

internal static class CheckerTestKit
{
    /// <summary>Builds an instruction from a kwargs JSON text (e.g. <c>{"num_words": 3, "relation": "at least"}</c>).</summary>
    public static IfEvalInstruction Build(string id, string kwargsJson = "{}", IIfEvalTools? tools = null) =>
        IfEvalRegistry.Build(id, JsonNode.Parse(kwargsJson)!.AsObject(), tools ?? new FakeTools(), "test");
}
