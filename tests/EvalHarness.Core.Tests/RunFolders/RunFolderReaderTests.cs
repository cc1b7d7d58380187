using EvalHarness.Core.Evaluators;
using EvalHarness.Core.RunFolders;

namespace EvalHarness.Core.Tests.RunFolders;

public sealed class RunFolderReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runfolder-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Joins_each_eval_file_on_model_and_sample_id()
    {
        File.WriteAllText(Path.Combine(_dir, "samples.csv"),
            "run_id,model,eval,sample_id,group,score,passed,error_kind,error_message,ttft_ms\n" +
            "r1,m1,niah,s1,g,1,true,,,12.5\n" +
            "r1,m2,niah,s1,g,0,false,,,13\n" +
            "r1,m1,mrcr,s1,g,,,timeout,slow,\n");
        File.WriteAllText(Path.Combine(_dir, "samples_niah.csv"), "run_id,model,sample_id,depth_percent\nr1,m2,s1,50\nr1,m1,s1,10\n");
        File.WriteAllText(Path.Combine(_dir, "manifest.json"), "{\"run_id\":\"r1\",\"suite\":\"default\"}");

        var run = RunFolderReader.Read(_dir);

        Assert.Equal("r1", run.RunId);
        Assert.Equal("default", run.ManifestText("suite"));
        Assert.Equal(["10", "50", ""], run.Samples.Select(s => s.Column("depth_percent")));
        Assert.Equal(12.5, run.Samples[0].TtftMs);
        Assert.True(run.Samples[2].IsError);
        Assert.Equal("timeout", run.Samples[2].ErrorKind);
        Assert.Equal(["niah"], run.EvalColumnFiles.Keys);
    }

    [Fact]
    public void An_old_single_file_run_keeps_its_eval_columns()
    {
        File.WriteAllText(Path.Combine(_dir, "samples.csv"), "model,eval,sample_id,group,score,error_kind,depth_percent\nm1,niah,s1,g,1,,30\n");

        var run = RunFolderReader.Read(_dir);

        Assert.Equal("30", run.Samples.Single().Column("depth_percent"));
        Assert.Equal(Path.GetFileName(_dir), run.RunId);
        Assert.Null(run.Manifest);
    }

    [Fact]
    public void A_bad_cell_names_file_line_and_column()
    {
        File.WriteAllText(Path.Combine(_dir, "samples.csv"), "model,eval,sample_id,group,score,error_kind,ttft_ms\nm1,niah,s1,g,1,,fast\n");

        var ex = Assert.Throws<EvalInputException>(() => RunFolderReader.Read(_dir));

        Assert.Contains("samples.csv:2: column 'ttft_ms': 'fast' is not a number", ex.Message);
    }

    [Fact]
    public void A_duplicate_eval_row_is_refused()
    {
        File.WriteAllText(Path.Combine(_dir, "samples.csv"), "model,eval,sample_id,group,score,error_kind\nm1,niah,s1,g,1,\n");
        File.WriteAllText(Path.Combine(_dir, "samples_niah.csv"), "model,sample_id,x\nm1,s1,1\nm1,s1,2\n");

        var ex = Assert.Throws<EvalInputException>(() => RunFolderReader.Read(_dir));

        Assert.Contains("samples_niah.csv:3: duplicate row", ex.Message);
    }
}
