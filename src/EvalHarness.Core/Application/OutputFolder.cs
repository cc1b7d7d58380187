using EvalHarness.Core.Evaluators;

namespace EvalHarness.Core.Application;

/// <summary>Checks on an output folder before anything is generated, sent or written (exit code 2 naming the folder).</summary>
internal static class OutputFolder
{
    /// <summary>Files that make a folder a run (or score) folder: writing into it would overwrite that run's results.</summary>
    public static readonly string[] RunFiles = ["responses.jsonl", "manifest.json", "samples.csv", "summary.csv"];

    /// <summary>
    /// The folder must be new or hold no run, and be writable: not a file, its parent creatable, a probe file
    /// writable. Nothing is left behind when the folder did not exist before.
    /// </summary>
    public static void EnsureNewAndWritable(string dir, string option)
    {
        if (File.Exists(dir)) throw new EvalInputException($"{dir}: {option} is a file, not a folder");
        if (Directory.Exists(dir) && RunFiles.FirstOrDefault(f => File.Exists(Path.Combine(dir, f))) is { } existing)
            throw new EvalInputException($"{dir}: {option} already holds a run ({existing}); choose another folder (or `run --resume` it)");
        EnsureWritable(dir, option);
    }

    public static void EnsureWritable(string dir, string option)
    {
        if (File.Exists(dir)) throw new EvalInputException($"{dir}: {option} is a file, not a folder");
        // The topmost folder this check creates (e.g. results/ itself): removed again afterwards, so a refusal that
        // follows (budget, keys) leaves nothing behind.
        string? created = null;
        for (var d = Path.GetFullPath(dir); !Directory.Exists(d); d = Path.GetDirectoryName(d)!) created = d;
        try
        {
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, ".evalharness-write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EvalInputException($"{dir}: {option} is not writable ({ex.Message.ReplaceLineEndings(" ").Trim()})");
        }
        finally
        {
            if (created is not null) TryRemoveEmpty(created);
        }
    }

    private static void TryRemoveEmpty(string dir)
    {
        try
        {
            if (Directory.Exists(dir) && !Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Any()) Directory.Delete(dir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: an empty folder left behind is harmless.
        }
    }
}
