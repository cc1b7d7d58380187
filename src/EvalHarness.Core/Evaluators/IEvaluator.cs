namespace EvalHarness.Core.Evaluators;

/// <summary>
/// An eval = a sample source + a scorer. It never talks HTTP; the engine never knows which evaluator it runs.
/// Scoring is a pure function of (sample, response text), so recorded responses can be re-scored offline.
/// </summary>
public interface IEvaluator
{
    /// <summary>Short lower-case name used on the command line and in CSVs: "niah", "mrcr", "graphwalks", "ifeval".</summary>
    string Name { get; }

    /// <summary>One line for `evalharness list`.</summary>
    string Description { get; }

    /// <summary>
    /// Evaluator-specific samples.csv columns, in order, written after the contract's common columns.
    /// Values come from <see cref="EvalSample.Labels"/> first, then <see cref="SampleScore.Columns"/>.
    /// </summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// Which of <see cref="Columns"/> hold numbers: written as they are, while every other column is text and protected
    /// against CSV injection (a leading <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c> gets a quote).
    /// </summary>
    IReadOnlyCollection<string> NumericColumns => [];

    /// <summary>Samples in a stable order. Generated samples are a pure function of the request (seed + options).</summary>
    IAsyncEnumerable<EvalSample> GetSamples(EvalRequest request, CancellationToken cancellationToken);

    /// <summary>Scores one response. Must be pure and deterministic; never throws for odd model output.</summary>
    SampleScore Score(EvalSample sample, string responseText);
}
