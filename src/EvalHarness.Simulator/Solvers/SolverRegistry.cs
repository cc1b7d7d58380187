using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;

namespace EvalHarness.Simulator.Solvers;

/// <summary>
/// The task solvers a simulator consults (each eval module's, see <see cref="IEvalModule.Solver"/>), in order: the first that recognizes the full conversation answers it.
/// Solvers must be thread-safe (stateless): the server calls them concurrently.
/// </summary>
public sealed class SolverRegistry
{
    /// <summary>Answer when no solver recognizes the prompt.</summary>
    public const string FallbackAnswer = "I don't know.";

    private readonly Lock _gate = new();
    private ITaskSolver[] _solvers;

    public SolverRegistry(IEnumerable<ITaskSolver> solvers)
    {
        ArgumentNullException.ThrowIfNull(solvers);
        _solvers = [.. solvers];
    }

    /// <summary>The registry servers use unless given another: the built-in solvers.</summary>
    public static SolverRegistry Default { get; } = CreateDefault();

    public IReadOnlyList<ITaskSolver> Solvers => Volatile.Read(ref _solvers);

    /// <summary>A fresh registry with the built-in solvers, for callers (tests) that add their own.</summary>
    public static SolverRegistry CreateDefault() => From(EvalCatalog.BuiltIn);

    /// <summary>The solvers the catalog's modules declare, in catalog order.</summary>
    public static SolverRegistry From(EvalCatalog catalog) => new(catalog.Modules.Select(m => m.Solver).OfType<ITaskSolver>());

    /// <summary>Adds a solver after the existing ones (copy-on-write, safe while a server is answering).</summary>
    public void Register(ITaskSolver solver)
    {
        ArgumentNullException.ThrowIfNull(solver);
        lock (_gate)
        {
            _solvers = [.. _solvers, solver];
        }
    }

    public ITaskSolver? Find(IReadOnlyList<ChatMessage> messages)
    {
        foreach (var solver in Solvers)
        {
            if (solver.Recognizes(messages)) return solver;
        }

        return null;
    }
}
