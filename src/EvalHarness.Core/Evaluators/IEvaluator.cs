using System.Text.Json.Nodes;

namespace EvalHarness.Core.Evaluators;

/// <summary>
/// An eval = a sample source + a scorer, created by its <see cref="IEvalModule"/> (which declares its columns). It never talks HTTP; the engine never knows which evaluator it runs.
/// Scoring is a pure function of (sample, response text), so recorded responses can be re-scored offline.
/// </summary>
public interface IEvaluator
{
    /// <summary>Short lower-case name used on the command line and in CSVs: "niah", "mrcr", "graphwalks", "ifeval".</summary>
    string Name { get; }

    /// <summary>One line for `evalharness list`.</summary>
    string Description { get; }

    /// <summary>Samples in a stable order. Generated samples are a pure function of the request (seed + options).</summary>
    IAsyncEnumerable<EvalSample> GetSamples(EvalRequest request, CancellationToken cancellationToken);

    /// <summary>Scores one response. Must be pure and deterministic; never throws for odd model output.</summary>
    SampleScore Score(EvalSample sample, string responseText);

    /// <summary>
    /// The run manifest's <c>details</c> for this eval after its samples were loaded (dataset files with sha256,
    /// prompt/dataset versions, reference-model vs built-in text modes); an empty object by default.
    /// </summary>
    Task<JsonObject> DescribeAsync(EvalRequest request, CancellationToken cancellationToken) => Task.FromResult(new JsonObject());
}
