using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Graphwalks;
using EvalHarness.Core.Evaluators.IfEval;
using EvalHarness.Core.Evaluators.Mrcr;
using EvalHarness.Core.Evaluators.Niah;
using EvalHarness.Core.Reporting;
using EvalHarness.Core.RunFolders;
using EvalHarness.Core.Running;
using EvalHarness.Core.Files;
using EvalHarness.Core.Models;

namespace EvalHarness.Core.Tests.Evaluators;

public sealed class EvalCatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("catalog-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A module declaring the given columns (nothing else matters to the catalog's checks).</summary>
    private sealed class ColumnsOnly(string name, params ColumnDescriptor[] columns) : EvalModule<string>
    {
        public override string Name => name;

        public override string Description => "test";

        public override IReadOnlyList<OptionDescriptor> Options { get; } = [new("size", OptionType.Integer, "1", "How many")];

        public override IReadOnlyList<ColumnDescriptor> Columns => columns;

        public override string ParseOptions(EvalRequest request) => request.GetString("size") ?? "1";

        protected override IEvaluator CreateEvaluator(string options) => throw new NotSupportedException();

        public override string PromptSummary(EvalSample sample) => "=SUM(A1)";

        public override string ExpectedAnswer(EvalSample sample) => new('x', 400);
    }

    [Fact]
    public void TheBuiltInEvalsAreRegisteredOnceWithUniqueColumns()
    {
        Assert.Equal(["niah", "mrcr", "graphwalks", "ifeval"], EvalCatalog.BuiltIn.Names);
        var shared = EvalCatalog.BuiltIn.Modules.SelectMany(m => m.Columns).GroupBy(c => c.Name).Where(g => g.Count() > 1).ToList();
        Assert.Equal(["response_chars"], shared.Select(g => g.Key));
        Assert.All(shared.Single(), c => Assert.Same(SharedColumns.ResponseChars, c));
        Assert.Equal("code points", SharedColumns.ResponseChars.Unit);
    }

    [Fact]
    public void ATwiceDeclaredColumnOrASamplesCsvColumnIsRejectedAtStartUp()
    {
        var clash = Assert.Throws<InvalidOperationException>(() =>
            EvalCatalog.BuiltIn.With(new ColumnsOnly("other", new ColumnDescriptor("bin", ColumnType.Integer, "tokens", "another bin"))));
        Assert.Equal("eval 'other': column 'bin' is already declared by eval 'mrcr' with another meaning; rename one", clash.Message);

        var core = Assert.Throws<InvalidOperationException>(() =>
            new EvalCatalog([new ColumnsOnly("other", new ColumnDescriptor("latency_ms", ColumnType.Number, "ms", "mine"))]));
        Assert.Contains("column 'latency_ms' is a samples.csv column", core.Message);

        Assert.Throws<InvalidOperationException>(() => EvalCatalog.BuiltIn.With(new ColumnsOnly("niah")));
        // The same shared descriptor is fine.
        Assert.Equal(5, EvalCatalog.BuiltIn.With(new ColumnsOnly("other", SharedColumns.ResponseChars)).Modules.Count);
    }

    [Fact]
    public void AnUnknownOptionIsRefusedWithTheNearestKeyAndABadValueBeforeAnySample()
    {
        var ex = Assert.Throws<EvalInputException>(() => new NiahModule().Create(new Dictionary<string, string> { ["presett"] = "smoke" }));
        Assert.Equal("options: unknown niah option 'presett'; did you mean 'preset'?", ex.Message);
        Assert.Throws<EvalInputException>(() => new MrcrModule().Create(new Dictionary<string, string> { ["n_needles"] = "3" }));
        Assert.IsType<GraphwalksEvaluator>(new GraphwalksModule().Create(new Dictionary<string, string> { ["TOKEN_TARGETS"] = "2000" }));
    }

    [Fact]
    public void ReportSectionsReferOnlyToDeclaredColumns()
    {
        foreach (var module in EvalCatalog.BuiltIn.Modules)
        {
            var section = Assert.IsType<ReportSectionSpec>(module.ReportSection);
            var names = module.Columns.Select(c => c.Name).ToHashSet();
            foreach (var view in section.Views)
            {
                var used = view switch
                {
                    HeatmapView h => [h.RowColumn, h.ColumnColumn],
                    LineView l => new[] { l.XColumn, l.SeriesColumn }.OfType<string>().ToArray(),
                    _ => [],
                };
                Assert.All(used, c => Assert.Contains(c, names));
            }
        }
        Assert.Equal(["metric=", "instruction="], new IfEvalModule().ReportSection!.Views.Cast<GroupTableView>().Select(v => v.GroupPrefix));
    }

    [Fact]
    public void EvalFilesHoldTheModuleColumnsTypedAndSamplesCsvOnlyTheCoreOnes()
    {
        var module = new ColumnsOnly("demo", new("count", ColumnType.Integer, "", ""), new("note", ColumnType.Text, "", ""));
        var sample = new EvalSample
        {
            Id = "s1", Eval = "demo", Group = "g", Messages = [new ChatMessage("user", "q")],
            Labels = new JsonObject { ["count"] = -3, ["note"] = "-3" },
        };
        var results = new[]
        {
            new SampleResult { Model = "m", Sample = sample, Score = new SampleScore(1, true, new Dictionary<string, string>()) },
            new SampleResult { Model = "n", Sample = sample, ErrorKind = Core.Models.ErrorKind.Timeout, ErrorMessage = "slow" },
        };
        SamplesCsv.WriteRun(_dir, "r", results, [module]);

        Assert.Equal(SamplesCsv.Header, CsvTable.Read(Path.Combine(_dir, "samples.csv")).Header);
        var raw = File.ReadAllText(Path.Combine(_dir, "samples_demo.csv"));
        Assert.Equal("run_id,model,sample_id,prompt_summary,expected,count,note", raw.Split('\n')[0].TrimEnd('\r'));
        Assert.Contains(",-3,'-3", raw, StringComparison.Ordinal); // numbers as they are, text protected
        Assert.Contains("'=SUM(A1)", raw, StringComparison.Ordinal);
        var run = RunFolderReader.Read(_dir);
        Assert.Equal(2, run.Samples.Count);
        Assert.All(run.Samples, s => Assert.Equal(("-3", "-3", 300), (s.Column("count"), s.Column("note"), s.Column("expected").Length)));
        Assert.Equal("=SUM(A1)", run.Samples[1].Column("prompt_summary")); // the errored sample keeps its labels
    }
}
