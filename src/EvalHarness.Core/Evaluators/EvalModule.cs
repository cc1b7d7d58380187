
namespace EvalHarness.Core.Evaluators;

/// <summary>
/// Base of a module whose options parse into a typed record: <see cref="Create"/> refuses unknown keys with the nearest
/// valid one, parses once with <see cref="ParseOptions"/> and hands the record to <see cref="CreateEvaluator"/>.
/// </summary>
/// <typeparam name="TOptions">The eval's typed options.</typeparam>
public abstract class EvalModule<TOptions> : IEvalModule
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    public abstract IReadOnlyList<OptionDescriptor> Options { get; }

    public abstract IReadOnlyList<ColumnDescriptor> Columns { get; }

    public IEvaluator Create(IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionDescriptor.Validate(Name, Options, options.Keys, "options");
        var values = new Dictionary<string, string>(options, StringComparer.OrdinalIgnoreCase);
        return CreateEvaluator(ParseOptions(new EvalRequest { Options = values }));
    }

    /// <summary>Parses the options once (<see cref="EvalInputException"/> for a bad value).</summary>
    public abstract TOptions ParseOptions(EvalRequest request);

    protected abstract IEvaluator CreateEvaluator(TOptions options);

    public abstract string PromptSummary(EvalSample sample);

    public abstract string ExpectedAnswer(EvalSample sample);

    public virtual IEnumerable<SummaryGroup> SummaryGroups(IReadOnlyList<SampleResult> results) => [];

    public virtual void WriteArtifacts(string runDirectory, IReadOnlyList<SampleResult> results)
    {
    }

    public virtual ITaskSolver? Solver => null;

    public virtual ReportSectionSpec? ReportSection => null;
}
