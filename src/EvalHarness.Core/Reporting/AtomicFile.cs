using System.Text;

namespace EvalHarness.Core.Reporting;

/// <summary>Writes to a temporary file and renames it, so a crash never leaves a half-written output file.</summary>
public static class AtomicFile
{
    public static void Write(string path, Action<TextWriter> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + ".tmp");
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false)))
        {
            writer.NewLine = "\n";
            write(writer);
        }
        File.Move(temp, path, overwrite: true);
    }

    public static void WriteAllText(string path, string text) => Write(path, w => w.Write(text));
}
