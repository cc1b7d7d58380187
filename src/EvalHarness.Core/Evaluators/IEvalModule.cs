
namespace EvalHarness.Core.Evaluators;

/// <summary>
/// Everything the harness knows about one eval, declared by its folder: options, samples and scoring (through the
/// <see cref="IEvaluator"/> it creates), per-sample columns, summary groups, extra artifacts, report section, the
/// simulator's solver and the drill-down text. Adding an eval = one folder with a module + one line in
/// <see cref="EvalCatalog.BuiltIn"/> (or <see cref="EvalCatalog.With"/> for a catalog of one's own).
/// </summary>
public interface IEvalModule
{
    /// <summary>Short lower-case name used on the command line and in CSVs: "niah", "mrcr", "graphwalks", "ifeval".</summary>
    string Name { get; }

    /// <summary>One line for <c>evalharness list</c>.</summary>
    string Description { get; }

    /// <summary>Every option the eval reads; any other key is refused with the nearest of these.</summary>
    IReadOnlyList<OptionDescriptor> Options { get; }

    /// <summary>
    /// The eval's per-sample columns of <c>samples_&lt;eval&gt;.csv</c>, in order. Values come from
    /// <see cref="EvalSample.Labels"/> first, then <see cref="SampleScore.Columns"/> (empty for an errored sample).
    /// </summary>
    IReadOnlyList<ColumnDescriptor> Columns { get; }

    /// <summary>
    /// Checks the option keys, parses them once into the eval's typed options (bad values fail here, before anything is
    /// generated or sent) and returns the evaluator bound to them. Its manifest details are
    /// <see cref="IEvaluator.DescribeAsync"/>.
    /// </summary>
    IEvaluator Create(IReadOnlyDictionary<string, string> options);

    /// <summary>Extra summary rows for one model's results of this eval (IFEval's four metrics); none by default.</summary>
    IEnumerable<SummaryGroup> SummaryGroups(IReadOnlyList<SampleResult> results) => [];

    /// <summary>Files written beside the run's CSVs (NIAH: one heatmap CSV per model); given this eval's results.</summary>
    void WriteArtifacts(string runDirectory, IReadOnlyList<SampleResult> results)
    {
    }

    /// <summary>The simulator's answerer for this eval's prompts (pure text code), or null.</summary>
    ITaskSolver? Solver => null;

    /// <summary>Short text saying what the sample asks (drill-down <c>prompt_summary</c>; cut to 300 characters).</summary>
    string PromptSummary(EvalSample sample);

    /// <summary>The expected answer in short (drill-down <c>expected</c>; cut to 300 characters); may be empty.</summary>
    string ExpectedAnswer(EvalSample sample);

    /// <summary>The eval's report section as data (drawn by the report), or null for none.</summary>
    ReportSectionSpec? ReportSection => null;
}
