namespace EvalHarness.TestSupport;

/// <summary>
/// Locates the read-only reference data in <c>../shared</c> (beside the repository root) or in the folder named by
/// <c>EVALHARNESS_SHARED</c>. Tests that need it call <see cref="RequireFile"/>, which skips the test cleanly when
/// the data is absent (e.g. on a user's fresh clone).
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    public static string? RootPath => Root.Value;

    /// <summary>The repository root (the folder holding EvalHarness.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string RequireFile(params string[] relative)
    {
        var root = RootPath;
        if (root is null) Assert.Skip("../shared reference data is not present");
        var path = Path.Combine([root, .. relative]);
        if (!File.Exists(path) && !Directory.Exists(path)) Assert.Skip($"reference data {path} is not present");
        return path;
    }

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("EVALHARNESS_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return Path.GetFullPath(env);
        var candidate = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
        return Directory.Exists(candidate) ? candidate : null;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EvalHarness.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("cannot find the repository root (EvalHarness.sln) above " + AppContext.BaseDirectory);
    }
}
