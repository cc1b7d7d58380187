using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace EvalHarness.Core.Evaluators.IfEval.Instructions;

/// <summary>One built instruction: a pure check of a text (the response or a loose variant), spec §4.</summary>
internal abstract class IfEvalInstruction
{
    /// <summary>The registered id, e.g. <c>keywords:frequency</c>.</summary>
    public abstract string Id { get; }

    /// <summary>The reference's <c>check_following</c> on <paramref name="text"/> as given (no stripping here).</summary>
    public abstract bool Check(string text);

    // Prompts share few distinct patterns (keywords, markers), and building is per prompt: construct each once.
    private static readonly ConcurrentDictionary<(string, RegexOptions), Regex> Patterns = new();

    /// <summary>Builds a regex from a kwarg used "as a pattern" by the reference; a pattern .NET rejects is bad input.</summary>
    internal static Regex Pattern(InstructionKwargs kwargs, string name, string pattern, RegexOptions options)
    {
        try
        {
            return Patterns.GetOrAdd((pattern, options | RegexOptions.CultureInvariant), key => new Regex(key.Item1, key.Item2));
        }
        catch (ArgumentException e)
        {
            throw kwargs.Error(name, $"is not a valid pattern: {e.Message}");
        }
    }
}
