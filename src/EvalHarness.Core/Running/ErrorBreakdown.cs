using EvalHarness.Core.Models;
using EvalHarness.Core.Evaluators;

namespace EvalHarness.Core.Running;

/// <summary>The errors of a run of one kind: how many, how many were never sent, and one example message.</summary>
public sealed record ErrorKindCount(ErrorKind Kind, int Count, int NotSent, string ExampleModel, string ExampleMessage);

/// <summary>Errors grouped by kind for the end-of-run console summary and the manifest (most frequent first).</summary>
public static class ErrorBreakdown
{
    public static IReadOnlyList<ErrorKindCount> From(IEnumerable<SampleResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results
            .Where(r => r.IsError)
            .GroupBy(r => r.ErrorKind)
            .Select(g =>
            {
                // The server's own words make the best example: prefer a row that was sent over a "not sent" one.
                var example = g.FirstOrDefault(r => !r.NotSent) ?? g.First();
                return new ErrorKindCount(g.Key, g.Count(), g.Count(r => r.NotSent), example.Model, example.ErrorMessage ?? "");
            })
            .OrderByDescending(k => k.Count)
            .ThenBy(k => k.Kind.ToCsv(), StringComparer.Ordinal)
            .ToList();
    }
}
