using EvalHarness.Core.Text.Punkt;

namespace EvalHarness.Core.Tests.Text.Punkt;

public sealed class PunktModelTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "punkt-model-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string WriteModel(string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "abbrev_types.txt"), ". . \ndr\nu.s\n");
        File.WriteAllText(Path.Combine(dir, "collocations.tab"), "##number##\tabreast\r\n");
        File.WriteAllText(Path.Combine(dir, "sent_starters.txt"), "the\nhowever\n");
        File.WriteAllText(Path.Combine(dir, "ortho_context.tab"), "a\t126\nfoo\tbar\t4\n");
        return dir;
    }

    [Fact]
    public void LoadsThePunktTabLayout()
    {
        var model = PunktModel.Load(WriteModel(Path.Combine(_root, "english")));
        Assert.Equal([". . ", "dr", "u.s"], model.AbbrevTypes.Order(StringComparer.Ordinal));
        Assert.Contains(("##number##", "abreast"), model.Collocations);
        Assert.Equal(2, model.SentStarters.Count);
        Assert.Equal(126, model.GetOrthoContext("a"));
        Assert.Equal(4, model.GetOrthoContext("foo\tbar"));
        Assert.Equal(0, model.GetOrthoContext("unseen"));
    }

    [Fact]
    public void LocatesAModelFromAnNltkDataRoot()
    {
        var dir = WriteModel(Path.Combine(_root, "tokenizers", "punkt_tab", "english"));
        Assert.Equal(dir, PunktModel.TryLocate(_root));
        Assert.Equal(dir, PunktModel.TryLocate(dir));
        Assert.Equal(dir, PunktModel.TryLocate(Path.Combine(_root, "tokenizers", "punkt_tab")));
    }

    [Fact]
    public void MissingTablesAreReported()
    {
        var dir = WriteModel(Path.Combine(_root, "broken"));
        File.Delete(Path.Combine(dir, "sent_starters.txt"));
        Assert.Throws<FileNotFoundException>(() => PunktModel.Load(dir));
        File.WriteAllText(Path.Combine(dir, "sent_starters.txt"), "the\n");
        File.WriteAllText(Path.Combine(dir, "ortho_context.tab"), "no-flags\n");
        Assert.Throws<InvalidDataException>(() => PunktModel.Load(dir));
    }
}
