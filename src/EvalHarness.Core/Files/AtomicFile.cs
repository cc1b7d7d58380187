using System.Text;

namespace EvalHarness.Core.Files;

/// <summary>Writes to a temporary file and renames it, so a crash never leaves a half-written output file.</summary>
public static class AtomicFile
{
    public static void Write(string path, Action<TextWriter> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + ".tmp");
        try
        {
            using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false)))
            {
                writer.NewLine = "\n";
                write(writer);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A full disk or a lost permission: no half-written temp file is left behind, the old file stays intact.
            TryDelete(temp);
            throw new CannotWriteException(path, ex);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void WriteAllText(string path, string text) => Write(path, w => w.Write(text));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the write error is what the user needs to see.
        }
    }
}

/// <summary>An output file could not be written (disk full, permissions); the message names the file.</summary>
public sealed class CannotWriteException(string path, Exception inner)
    : IOException($"{path}: cannot write ({inner.Message.ReplaceLineEndings(" ").Trim()})", inner)
{
    public string FilePath { get; } = path;
}
