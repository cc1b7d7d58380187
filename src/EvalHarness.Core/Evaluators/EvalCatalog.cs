using EvalHarness.Core.Evaluators.Graphwalks;
using EvalHarness.Core.Evaluators.IfEval;
using EvalHarness.Core.Evaluators.Mrcr;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Text;

namespace EvalHarness.Core.Evaluators;

/// <summary>
/// The registered evals. <see cref="BuiltIn"/> holds the project's four; <see cref="With"/> adds more for one caller.
/// The catalog in force (<see cref="Current"/>) is the built-in one unless a caller set another with <see cref="Use"/>
/// for its own async flow (the CLI entry point does, so a test's extra eval never leaks into tests running beside it).
/// Built once: names are unique, and per-sample column names are unique across modules and never a samples.csv column.
/// </summary>
public sealed class EvalCatalog
{
    // Adding an eval: one line here. Lazy, so a bad module's message reaches the user as it is.
    private static readonly Lazy<EvalCatalog> BuiltInCatalog = new(() => new([new NiahModule(), new MrcrModule(), new GraphwalksModule(), new IfEvalModule()]));

    private static readonly AsyncLocal<EvalCatalog?> Ambient = new();

    public EvalCatalog(IEnumerable<IEvalModule> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        Modules = [.. modules];
        Check(Modules);
        Names = Modules.Select(m => m.Name).ToList();
    }

    /// <summary>The project's evals: NIAH, MRCR, Graphwalks, IFEval.</summary>
    public static EvalCatalog BuiltIn => BuiltInCatalog.Value;

    /// <summary>The catalog in force for this async flow: the one set by <see cref="Use"/>, else <see cref="BuiltIn"/>.</summary>
    public static EvalCatalog Current => Ambient.Value ?? BuiltIn;

    public IReadOnlyList<IEvalModule> Modules { get; }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Makes <paramref name="catalog"/> <see cref="Current"/> for the calling async flow until disposed.</summary>
    public static IDisposable Use(EvalCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var previous = Ambient.Value;
        Ambient.Value = catalog;
        return new Restore(previous);
    }

    /// <summary>This catalog plus <paramref name="modules"/> (checked like any catalog).</summary>
    public EvalCatalog With(params IEvalModule[] modules) => new([.. Modules, .. modules]);

    /// <summary>The module for a user-typed name (case-insensitive); unknown names are bad input naming the known ones.</summary>
    public IEvalModule Find(string name) =>
        TryFind(name) ?? throw new EvalInputException($"unknown eval '{name}' (known: {string.Join(", ", Names)}){EditDistance.Suggest(name, Names)}");

    public IEvalModule? TryFind(string name) =>
        Modules.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Columns every <c>samples_&lt;eval&gt;.csv</c> starts with, before the module's own.</summary>
    public static readonly IReadOnlyList<string> EvalFileKeyColumns = ["run_id", "model", "sample_id", "prompt_summary", "expected"];

    private static void Check(IReadOnlyList<IEvalModule> modules)
    {
        var reserved = new HashSet<string>(CoreColumns.Common.Concat(CoreColumns.Harness).Concat(EvalFileKeyColumns), StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var owners = new Dictionary<string, (string Eval, ColumnDescriptor Column)>(StringComparer.Ordinal);
        foreach (var m in modules)
        {
            if (string.IsNullOrWhiteSpace(m.Name) || m.Name.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-')))
                throw new InvalidOperationException($"eval module '{m.Name}': name must be lower-case letters, digits, '_' or '-'");
            if (!names.Add(m.Name)) throw new InvalidOperationException($"eval '{m.Name}' is registered twice");
            foreach (var c in m.Columns)
            {
                if (reserved.Contains(c.Name))
                    throw new InvalidOperationException($"eval '{m.Name}': column '{c.Name}' is a samples.csv column; give it an eval-specific name");
                // One name, one meaning: a column two evals share must be the very same descriptor (e.g. response_chars).
                if (owners.TryGetValue(c.Name, out var owner) && owner.Column != c)
                    throw new InvalidOperationException($"eval '{m.Name}': column '{c.Name}' is already declared by eval '{owner.Eval}' with another meaning; rename one");
                owners.TryAdd(c.Name, (m.Name, c));
            }
        }
    }

    private sealed class Restore(EvalCatalog? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
